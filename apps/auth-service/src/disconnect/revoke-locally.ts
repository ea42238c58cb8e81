import type { Transaction } from 'kysely';
import { EventTypes, RevokedBy } from '@sf/contracts';
import { revokeConnection } from '@sf/token-vault';
import { appendConnectionEvent } from '../events/connection-events';
import type { AuthServiceDb } from '../schema/auth-service-schema';

/**
 * Destroys the firm's tokens and appends ConnectionRevoked in the caller's transaction (which holds the firm's
 * token lock). Returns the connection id, or null when there was nothing left to revoke (idempotent).
 */
export const revokeLocally = async (
  trx: Transaction<AuthServiceDb>,
  firmId: string,
  revokedBy: RevokedBy,
  cause: { correlationId: string; now: Date },
): Promise<string | null> => {
  const revoked = await revokeConnection(trx, firmId, cause.now);
  if (!revoked) return null;
  await appendConnectionEvent(
    trx,
    EventTypes.ConnectionRevoked,
    { connectionId: revoked.connectionId, revokedBy },
    { firmId, correlationId: cause.correlationId, occurredAt: cause.now },
  );
  return revoked.connectionId;
};
