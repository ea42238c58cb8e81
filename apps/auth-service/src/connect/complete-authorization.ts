import type { ClioRegion } from '@sf/contracts';
import { ACCESS_DENIED } from '@sf/token-vault';
import type { AuthDeps } from '../auth-deps';
import type { CodeExchange } from '../clio/clio-oauth-client';
import { ConnectFailure, connectFailed, type ConnectFailed } from './connect-failure';
import { redeemState } from './redeem-state';
import { storeConnection } from './store-connection';

/** Query of Clio's redirect to our callback (only single string values are taken). */
export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
}

export interface Connected {
  ok: true;
  connectionId: string;
  firmId: string;
  region: ClioRegion;
  clioUserId: string;
  clioUserName?: string;
  clioAccountName?: string;
}

/** OAuth error codes are short snake_case words; anything else is not echoed back. */
const safeOAuthError = (e: string): string => (/^[a-z_]{1,40}$/.test(e) ? e : 'unknown_error');

const exchangeFailed = (region: ClioRegion, f: Extract<CodeExchange, { ok: false }>): ConnectFailed =>
  f.kind === 'rejected'
    ? connectFailed(
        400,
        ConnectFailure.CodeRejected,
        `Clio (${region}) did not accept the authorization code: it expired, was already used, or was issued by another Clio region; start again`,
      )
    : connectFailed(502, ConnectFailure.TokenEndpointFailed, `Clio's token endpoint (${region}) failed: ${f.detail}`);

/**
 * Finishes a connect: redeem the state, exchange the code at the state's region, ask `who_am_i` who authorised,
 * then store the sealed tokens and ClioConnected together. Every failure returns before anything is stored.
 */
export const completeAuthorization = async (
  deps: AuthDeps,
  q: CallbackQuery,
  correlationId: string,
): Promise<Connected | ConnectFailed> => {
  const redeemed = await redeemState(deps, q.state);
  if (!redeemed.ok) return redeemed;
  const s = redeemed.state;
  const ids = { firmId: s.firmId, region: s.region };
  if (q.error !== undefined) {
    deps.log.info({ ...ids, error: safeOAuthError(q.error) }, 'clio authorisation did not complete');
    return q.error === ACCESS_DENIED
      ? connectFailed(400, ConnectFailure.Declined, 'the Clio user declined the authorisation')
      : connectFailed(
          400,
          ConnectFailure.ClioError,
          `Clio ended the authorisation with error ${safeOAuthError(q.error)}`,
        );
  }
  if (!q.code) return connectFailed(400, ConnectFailure.MissingCode, 'the callback carries no authorization code');

  const exchanged = await deps.clio.exchangeCode(s.region, q.code, deps.callbackUrl);
  if (!exchanged.ok) {
    deps.log.warn({ ...ids, detail: exchanged.detail }, 'authorization code exchange failed');
    return exchangeFailed(s.region, exchanged);
  }
  const who = await deps.clio.whoAmI(s.region, exchanged.tokens.accessToken);
  if (!who.ok) {
    // We will not keep this grant: give it back rather than leave a live token nobody holds.
    await deps.clio.deauthorize(s.region, exchanged.tokens.accessToken);
    deps.log.warn({ ...ids, detail: who.detail }, 'who_am_i failed after the code exchange');
    return connectFailed(
      502,
      ConnectFailure.IdentityUnavailable,
      `Clio (${s.region}) did not say which user authorised the connection: ${who.detail}`,
    );
  }
  const grant = { tokens: exchanged.tokens, expiresIn: exchanged.expiresIn, clioUserId: who.identity.userId };
  const stored = await storeConnection(deps, s, grant, correlationId).catch(async (e: unknown) => {
    await deps.clio.deauthorize(s.region, exchanged.tokens.accessToken);
    throw e;
  });
  deps.log.info({ ...ids, connectionId: stored.connectionId, clioUserId: who.identity.userId }, 'clio connected');
  if (stored.replaced) {
    const r = await deps.clio.deauthorize(stored.replaced.region, stored.replaced.accessToken);
    deps.log.info(
      { firmId: s.firmId, connectionId: stored.replaced.connectionId, revokedAtClio: r.ok },
      'replaced connection revoked at clio',
    );
  }
  return {
    ok: true,
    connectionId: stored.connectionId,
    firmId: s.firmId,
    region: s.region,
    clioUserId: who.identity.userId,
    ...(who.identity.userName ? { clioUserName: who.identity.userName } : {}),
    ...(who.identity.accountName ? { clioAccountName: who.identity.accountName } : {}),
  };
};
