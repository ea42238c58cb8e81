import type { AppRegistry } from './registered-app';
import type { TokenStore, TokenGrant } from './token-store';
import { GrantType, OAuthErrorCode, type TokenResponseBody } from './oauth-wire';

export type TokenOutcome =
  { ok: true; body: TokenResponseBody; grant: TokenGrant } | { ok: false; error: OAuthErrorCode };

export interface TokenRequest {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  code?: string;
  redirect_uri?: string;
  refresh_token?: string;
}

/**
 * `POST /oauth/token`. Client authentication runs before the grant, so an app used on the wrong region's instance
 * gets `invalid_client` whatever else is wrong. Credentials may come in the form or as HTTP Basic.
 * The `redirect_uri` must equal the one the code was issued for (checked against the app when the code was issued).
 */
export const decideTokenRequest = (
  req: TokenRequest,
  deps: { apps: AppRegistry; tokens: TokenStore; ttlSeconds: number },
  now: number,
): TokenOutcome => {
  if (!req.grant_type) return { ok: false, error: OAuthErrorCode.InvalidRequest };
  if (req.grant_type !== GrantType.AuthorizationCode && req.grant_type !== GrantType.RefreshToken) {
    return { ok: false, error: OAuthErrorCode.UnsupportedGrantType };
  }
  const app = deps.apps.authenticate(req.client_id, req.client_secret);
  if (!app) return { ok: false, error: OAuthErrorCode.InvalidClient };

  let result;
  if (req.grant_type === GrantType.AuthorizationCode) {
    if (!req.code || !req.redirect_uri) return { ok: false, error: OAuthErrorCode.InvalidRequest };
    result = deps.tokens.exchangeCode(
      { clientId: app.clientId, code: req.code, redirectUri: req.redirect_uri, ttlSeconds: deps.ttlSeconds },
      now,
    );
  } else {
    if (!req.refresh_token) return { ok: false, error: OAuthErrorCode.InvalidRequest };
    result = deps.tokens.refreshGrant(
      { clientId: app.clientId, refreshToken: req.refresh_token, ttlSeconds: deps.ttlSeconds },
      now,
    );
  }
  if (!result.ok) return result;
  return { ok: true, grant: result.grant, body: tokenResponse(result.grant, now) };
};

export const tokenResponse = (grant: TokenGrant, now: number): TokenResponseBody => ({
  token_type: 'bearer',
  access_token: grant.accessToken,
  expires_in: Math.max(0, Math.round((grant.expiresAt - now) / 1000)),
  refresh_token: grant.refreshToken,
});

/** Reads `Authorization: Basic base64(id:secret)` into client credentials, if present. */
export const basicCredentials = (
  header: string | undefined,
): { client_id: string; client_secret: string } | undefined => {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return {
    client_id: decodeURIComponent(decoded.slice(0, i)),
    client_secret: decodeURIComponent(decoded.slice(i + 1)),
  };
};
