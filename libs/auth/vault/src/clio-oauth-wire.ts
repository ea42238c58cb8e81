/** Clio OAuth wire names the vault uses, verbatim (api-facts §2). */
export const ClioOAuthPath = { Token: '/oauth/token', Deauthorize: '/oauth/deauthorize' } as const;

export const ClioTokenForm = {
  GrantType: 'grant_type',
  ClientId: 'client_id',
  ClientSecret: 'client_secret',
  RefreshToken: 'refresh_token',
} as const;

export const ClioGrantType = { RefreshToken: 'refresh_token', AuthorizationCode: 'authorization_code' } as const;

/** The OAuth error code that means the refresh token itself is dead (RFC 6749 §5.2). */
export const INVALID_GRANT = 'invalid_grant';
