/** Clio OAuth wire names, verbatim: the vault's refresh grant and the auth service's connect flow. */
export const ClioOAuthPath = {
  Authorize: '/oauth/authorize',
  Token: '/oauth/token',
  Deauthorize: '/oauth/deauthorize',
} as const;

export const ClioTokenForm = {
  GrantType: 'grant_type',
  ClientId: 'client_id',
  ClientSecret: 'client_secret',
  RefreshToken: 'refresh_token',
  Code: 'code',
  RedirectUri: 'redirect_uri',
  /** `/oauth/deauthorize`: the access token to revoke. */
  Token: 'token',
} as const;

export const ClioGrantType = { RefreshToken: 'refresh_token', AuthorizationCode: 'authorization_code' } as const;

/** Query parameters of `GET /oauth/authorize`. */
export const ClioAuthorizeParam = {
  ResponseType: 'response_type',
  ClientId: 'client_id',
  RedirectUri: 'redirect_uri',
  State: 'state',
  /** `"true"`: a decline redirects back with `error=access_denied` instead of showing Clio's 400 page. */
  RedirectOnDecline: 'redirect_on_decline',
} as const;

/** Query parameters Clio adds to the redirect URI. */
export const ClioCallbackParam = { Code: 'code', State: 'state', Error: 'error' } as const;

/** JSON fields of the token endpoint's answer and of the deauthorization callback body. */
export const ClioOAuthField = {
  AccessToken: 'access_token',
  RefreshToken: 'refresh_token',
  ExpiresIn: 'expires_in',
  Error: 'error',
  ClientId: 'client_id',
  UserId: 'user_id',
} as const;

/** The OAuth error code that means the refresh token itself is dead (RFC 6749 §5.2). */
export const INVALID_GRANT = 'invalid_grant';
/** The OAuth error a declined authorisation comes back with. */
export const ACCESS_DENIED = 'access_denied';
/** `access_token` value of a deauthorization callback when the user revoked the whole app. */
export const DEAUTHORIZE_ALL = 'all';
