/** OAuth wire names for Clio Manage, verbatim. One place so routes, tests and clients agree. */
export const OAuthPath = {
  Authorize: '/oauth/authorize',
  Token: '/oauth/token',
  Deauthorize: '/oauth/deauthorize',
  /** Desktop/mobile redirect target: the page title carries `Success code=…` or `Failure error=…`. */
  Approval: '/oauth/approval',
} as const;

export const GrantType = { AuthorizationCode: 'authorization_code', RefreshToken: 'refresh_token' } as const;
export type GrantType = (typeof GrantType)[keyof typeof GrantType];

export const OAuthErrorCode = {
  InvalidRequest: 'invalid_request',
  InvalidClient: 'invalid_client',
  InvalidGrant: 'invalid_grant',
  UnsupportedGrantType: 'unsupported_grant_type',
  UnsupportedResponseType: 'unsupported_response_type',
  InvalidToken: 'invalid_token',
  AccessDenied: 'access_denied',
} as const;
export type OAuthErrorCode = (typeof OAuthErrorCode)[keyof typeof OAuthErrorCode];

/**
 * Descriptions: `invalid_token` is Clio's documented text (S-360004657734); the others follow Doorkeeper, the Rails
 * OAuth provider whose wording that message comes from (Clio does not document the rest).
 */
export const OAuthErrorDescription: Record<OAuthErrorCode, string> = {
  invalid_request:
    'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
  invalid_client:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
  invalid_grant:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  unsupported_response_type: 'The authorization server does not support this response type.',
  invalid_token: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
  access_denied: 'The resource owner or authorization server denied the request.',
};

/** HTTP status per OAuth error (RFC 6749 §5.2; 401 for client authentication and bad bearer tokens). */
export const OAuthErrorStatus: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  invalid_token: 401,
  access_denied: 400,
};

export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description: string;
}

export const oauthErrorBody = (error: OAuthErrorCode): OAuthErrorBody => ({
  error,
  error_description: OAuthErrorDescription[error],
});

/** `POST /oauth/token` success body (SPEC22 "Step 2"). */
export interface TokenResponseBody {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
}

/** JSON posted to an app's deauthorization callback URL (SPEC22 "Deauthorization"). */
export interface DeauthorizationCallbackBody {
  client_id: string;
  user_id: number;
  /** `"all"` when the user revoked the app, otherwise the one access token the app revoked. */
  access_token: string;
}

/** Manage access tokens last 30 days (D-FAQ); SPEC22's examples show 7 days. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 2_592_000;
/** Authorization codes are valid 10 minutes (SPEC22 "Grant Approved"). */
export const AUTHORIZATION_CODE_TTL_MS = 10 * 60_000;
