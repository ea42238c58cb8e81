import { randomUUID } from 'node:crypto';
import { EventTypes, type ClioRegion } from '@sf/contracts';
import {
  findConnectionByFirm,
  lockFirmTokens,
  openTokens,
  saveConnection,
  type ClioTokens,
  type StoredConnection,
} from '@sf/token-vault';
import type { AuthDeps } from '../auth-deps';
import { appendConnectionEvent } from '../events/connection-events';
import type { SignedState } from '../oauth-state/oauth-state';

/** A previous grant the new connection replaced; its access token is revoked at Clio after commit. */
export interface ReplacedGrant {
  connectionId: string;
  region: ClioRegion;
  accessToken: string;
}

/**
 * Stores the new tokens (sealed) and appends ClioConnected in one transaction, under the firm's token lock so a
 * refresh or disconnect in flight finishes first. Returns the new connection id and the grant it replaced, if any.
 */
export const storeConnection = async (
  deps: Pick<AuthDeps, 'db' | 'keyring' | 'lockTimeoutMs' | 'clock' | 'log'>,
  s: SignedState,
  grant: { tokens: ClioTokens; expiresIn: number; clioUserId: string },
  correlationId: string,
): Promise<{ connectionId: string; replaced: ReplacedGrant | null }> => {
  const now = deps.clock();
  const connectionId = randomUUID();
  const replaced = await deps.db.transaction().execute(async (trx) => {
    await lockFirmTokens(trx, s.firmId, deps.lockTimeoutMs);
    const previous = replacedGrant(deps, await findConnectionByFirm(trx, s.firmId));
    const expiresAt = new Date(now.getTime() + grant.expiresIn * 1000);
    await saveConnection(
      trx,
      deps.keyring,
      {
        connectionId,
        firmId: s.firmId,
        region: s.region,
        clioUserId: grant.clioUserId,
        tokens: grant.tokens,
        expiresAt,
      },
      now,
    );
    await appendConnectionEvent(
      trx,
      EventTypes.ClioConnected,
      { connectionId, region: s.region, clioUserId: grant.clioUserId, connectedBy: s.userId },
      { firmId: s.firmId, correlationId, occurredAt: now },
    );
    return previous;
  });
  return { connectionId, replaced };
};

const replacedGrant = (deps: Pick<AuthDeps, 'keyring' | 'log'>, c: StoredConnection | null): ReplacedGrant | null => {
  if (!c?.tokens) return null;
  try {
    return {
      connectionId: c.connectionId,
      region: c.region,
      accessToken: openTokens(deps.keyring, c.connectionId, c.tokens).accessToken,
    };
  } catch (e) {
    // Unreadable old tokens must not block the new connection; they are overwritten either way.
    deps.log.warn(
      { connectionId: c.connectionId, err: (e as Error).name },
      "replaced connection's tokens could not be opened; not revoking them at Clio",
    );
    return null;
  }
};
