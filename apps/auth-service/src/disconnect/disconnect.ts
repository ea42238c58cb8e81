import { RevokedBy } from '@sf/contracts';
import {
  ConnectionStatus,
  findConnectionByFirm,
  lockFirmTokens,
  openTokens,
  type StoredConnection,
} from '@sf/token-vault';
import type { AuthDeps } from '../auth-deps';
import { revokeLocally } from './revoke-locally';

export type Disconnect =
  { ok: true; connectionId: string; revokedAtClio: boolean } | { ok: false; status: 404; message: string };

/**
 * A user of the firm disconnects Clio: revoke the access token at Clio, then destroy our tokens and append
 * ConnectionRevoked{revokedBy: user}, all under the firm's token lock so no refresh can resurrect them. Clio being
 * down does not keep us holding tokens the firm asked us to drop: we destroy them anyway and say so.
 */
export const disconnect = async (
  deps: Pick<AuthDeps, 'db' | 'keyring' | 'clio' | 'lockTimeoutMs' | 'clock' | 'log'>,
  firmId: string,
  correlationId: string,
): Promise<Disconnect> => {
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Disconnect> => {
    await lockFirmTokens(trx, firmId, deps.lockTimeoutMs);
    const conn = await findConnectionByFirm(trx, firmId);
    if (!conn || conn.status === ConnectionStatus.Revoked)
      return { ok: false, status: 404, message: 'clio connection not found' };
    const revokedAtClio = await revokeAtClio(deps, conn);
    const connectionId = await revokeLocally(trx, firmId, RevokedBy.user, { correlationId, now: deps.clock() });
    // Null only if a writer skipped the lock; the row is revoked either way.
    return { ok: true, connectionId: connectionId ?? conn.connectionId, revokedAtClio };
  });
  if (outcome.ok)
    deps.log.info(
      { firmId, connectionId: outcome.connectionId, revokedAtClio: outcome.revokedAtClio },
      'clio disconnected by a user',
    );
  return outcome;
};

const revokeAtClio = async (
  deps: Pick<AuthDeps, 'keyring' | 'clio' | 'log'>,
  conn: StoredConnection,
): Promise<boolean> => {
  if (!conn.tokens) return false;
  let accessToken: string;
  try {
    accessToken = openTokens(deps.keyring, conn.connectionId, conn.tokens).accessToken;
  } catch (e) {
    deps.log.warn(
      { connectionId: conn.connectionId, err: (e as Error).name },
      'tokens could not be opened; revoking locally only',
    );
    return false;
  }
  const r = await deps.clio.deauthorize(conn.region, accessToken);
  if (!r.ok)
    deps.log.warn(
      { firmId: conn.firmId, connectionId: conn.connectionId, detail: r.detail },
      'clio did not confirm the revocation',
    );
  return r.ok;
};
