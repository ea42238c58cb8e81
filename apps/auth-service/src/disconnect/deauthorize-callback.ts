import { timingSafeEqual } from 'node:crypto';
import { RevokedBy } from '@sf/contracts';
import {
  findConnectionByFirm,
  findLiveConnectionsByClioUser,
  lockFirmTokens,
  openTokens,
  ConnectionStatus,
  type StoredConnection,
} from '@sf/token-vault';
import type { AuthDeps } from '../auth-deps';
import { parseDeauthorizeBody, type DeauthorizeNotice } from './deauthorize-body';
import { takeDeauthorizeCheckSlot } from './deauthorize-check-slot';
import { revokeLocally } from './revoke-locally';

export type DeauthorizeCallback =
  { ok: true; revoked: number; ignored: number } | { ok: false; status: 400 | 403 | 502; message: string };

/** What happened to one candidate connection. */
type Verdict = 'revoked' | 'not_concerned' | 'still_valid' | 'unverified' | 'checked_recently';

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Clio tells us a user revoked our app (`access_token: "all"`) or that one access token was deauthorized. The
 * callback is unauthenticated and names only a Clio user, so we check it against Clio before destroying anything:
 * a connection is revoked only if its current access token is the one named (or "all" was named) AND Clio now
 * answers 401 to it. A forged callback for a live grant changes nothing. Idempotent: repeats find nothing live.
 * Asking Clio spends the firm's rate budget, so each connection is checked at most once per 60 s window; callbacks
 * in between are ignored (a real revocation is then found by the next use of the token, which Clio refuses).
 */
export const handleDeauthorizeCallback = async (
  deps: AuthDeps,
  body: unknown,
  correlationId: string,
): Promise<DeauthorizeCallback> => {
  const notice = parseDeauthorizeBody(body);
  if (!notice) return { ok: false, status: 400, message: 'body must be {client_id, user_id, access_token}' };
  if (!sameToken(notice.clientId, deps.app.clientId))
    return { ok: false, status: 403, message: 'client_id does not match this application' };
  const verdicts: Verdict[] = [];
  for (const c of await findLiveConnectionsByClioUser(deps.db, notice.clioUserId)) {
    verdicts.push(await revokeIfDead(deps, c.firmId, notice, correlationId));
  }
  const revoked = verdicts.filter((v) => v === 'revoked').length;
  deps.log.info(
    { clioUserId: notice.clioUserId, scope: notice.all ? 'all' : 'token', revoked, candidates: verdicts.length },
    'clio deauthorization callback',
  );
  if (verdicts.includes('unverified'))
    return { ok: false, status: 502, message: 'could not confirm the revocation with Clio; retry later' };
  return { ok: true, revoked, ignored: verdicts.length - revoked };
};

const revokeIfDead = async (
  deps: AuthDeps,
  firmId: string,
  notice: DeauthorizeNotice,
  correlationId: string,
): Promise<Verdict> =>
  deps.db.transaction().execute(async (trx) => {
    await lockFirmTokens(trx, firmId, deps.lockTimeoutMs);
    const conn = await findConnectionByFirm(trx, firmId);
    const accessToken = concernedToken(deps, conn, notice);
    if (!conn || accessToken === null) return 'not_concerned';
    // Each check spends one request of the firm's Clio rate window; a flood of callbacks must not block its sync.
    if (!(await takeDeauthorizeCheckSlot(trx, conn.connectionId, deps.clock()))) {
      deps.log.warn({ firmId, connectionId: conn.connectionId }, 'deauthorization callback ignored: checked recently');
      return 'checked_recently';
    }
    const who = await deps.clio.whoAmI(conn.region, accessToken);
    if (who.ok) {
      deps.log.warn(
        { firmId, connectionId: conn.connectionId },
        'deauthorization callback ignored: clio still accepts the token',
      );
      return 'still_valid';
    }
    if (who.kind === 'unavailable') return 'unverified';
    await revokeLocally(trx, firmId, RevokedBy.clio, { correlationId, now: deps.clock() });
    deps.log.info({ firmId, connectionId: conn.connectionId }, 'clio connection revoked by clio');
    return 'revoked';
  });

/** The connection's current access token if the notice is about it, else null. */
const concernedToken = (
  deps: Pick<AuthDeps, 'keyring'>,
  conn: StoredConnection | null,
  notice: DeauthorizeNotice,
): string | null => {
  if (!conn?.tokens || conn.status === ConnectionStatus.Revoked || conn.clioUserId !== notice.clioUserId) return null;
  const { accessToken } = openTokens(deps.keyring, conn.connectionId, conn.tokens);
  return notice.all || sameToken(accessToken, notice.accessToken) ? accessToken : null;
};
