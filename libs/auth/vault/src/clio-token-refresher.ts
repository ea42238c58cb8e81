import { request, type Dispatcher } from 'undici';
import { ClioRegions, type ClioRegion } from '@sf/contracts';
import { CLIO_OAUTH_ORIGINS } from './clio-oauth-origins';
import { ClioGrantType, ClioOAuthPath, ClioTokenForm, INVALID_GRANT } from './clio-oauth-wire';
import type { RefreshOutcome, TokenRefresher } from './token-refresher';

export interface ClioTokenRefresherOptions {
  clientId: string;
  clientSecret: string;
  /** OAuth origin per region (scheme + host, no path). Default: Clio's `https://{,eu.,ca.,au.}app.clio.com`. */
  origins?: Partial<Record<ClioRegion, string>>;
  /** Give up on the token endpoint after this many ms (headers and body each). Default 10 000. */
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

/** Env var names, verbatim. `CLIO_OAUTH_ORIGIN_US|EU|CA|AU` override the origins (tests, the simulator). */
export const ClioOAuthEnv = {
  ClientId: 'CLIO_CLIENT_ID',
  ClientSecret: 'CLIO_CLIENT_SECRET',
  OriginPrefix: 'CLIO_OAUTH_ORIGIN_',
} as const;

export const clioTokenRefresherOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): ClioTokenRefresherOptions => {
  const clientId = env[ClioOAuthEnv.ClientId];
  const clientSecret = env[ClioOAuthEnv.ClientSecret];
  if (!clientId || !clientSecret)
    throw new Error(`${ClioOAuthEnv.ClientId} and ${ClioOAuthEnv.ClientSecret} must be set`);
  const origins: Partial<Record<ClioRegion, string>> = {};
  for (const region of Object.values(ClioRegions)) {
    const v = env[`${ClioOAuthEnv.OriginPrefix}${region.toUpperCase()}`];
    if (v) origins[region] = v;
  }
  return { clientId, clientSecret, origins };
};

const parseJson = (text: string): Record<string, unknown> | null => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Maps a token-endpoint answer to an outcome. Reasons carry the status and OAuth error code, never the body. */
export const classifyTokenResponse = (status: number, body: Record<string, unknown> | null): RefreshOutcome => {
  if (status === 200) {
    const accessToken = body?.['access_token'];
    const expiresIn = body?.['expires_in'];
    const refreshToken = body?.['refresh_token'];
    if (
      typeof accessToken !== 'string' ||
      accessToken.length === 0 ||
      typeof expiresIn !== 'number' ||
      !(expiresIn > 0)
    ) {
      return { kind: 'transient', reason: 'token endpoint answered 200 without a usable access_token/expires_in' };
    }
    return typeof refreshToken === 'string' && refreshToken.length > 0
      ? { kind: 'refreshed', accessToken, expiresIn, refreshToken }
      : { kind: 'refreshed', accessToken, expiresIn };
  }
  const error = typeof body?.['error'] === 'string' ? body['error'] : null;
  if (status >= 400 && status < 500 && error === INVALID_GRANT) return { kind: 'invalid_grant' };
  // invalid_client and friends are our configuration, not the firm's grant: never mark the firm for re-auth.
  return { kind: 'transient', reason: `token endpoint answered ${status}${error ? ` ${error.slice(0, 40)}` : ''}` };
};

/** The refresh_token grant against Clio's regional `/oauth/token` (form-encoded POST, JSON answer). */
export const createClioTokenRefresher = (opts: ClioTokenRefresherOptions): TokenRefresher => {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const originOf = (region: ClioRegion): string => opts.origins?.[region] ?? CLIO_OAUTH_ORIGINS[region];
  return {
    async refresh(region, refreshToken) {
      const form = new URLSearchParams({
        [ClioTokenForm.GrantType]: ClioGrantType.RefreshToken,
        [ClioTokenForm.ClientId]: opts.clientId,
        [ClioTokenForm.ClientSecret]: opts.clientSecret,
        [ClioTokenForm.RefreshToken]: refreshToken,
      });
      try {
        const res = await request(new URL(ClioOAuthPath.Token, originOf(region)), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
        });
        return classifyTokenResponse(res.statusCode, parseJson(await res.body.text()));
      } catch (e) {
        // Only the error code: undici messages can echo the request, and that request holds the refresh token.
        const code =
          typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
            ? (e as { code: string }).code
            : 'unknown';
        return { kind: 'transient', reason: `token endpoint unreachable (${code})` };
      }
    },
  };
};
