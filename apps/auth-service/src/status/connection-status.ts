import type { ClioRegion } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { findConnectionByFirm, type ConnectionStatus } from '@sf/token-vault';
import type { AuthServiceDb } from '../schema/auth-service-schema';

/** What a firm's users may see of its Clio connection: state and ids, never tokens or their expiry. */
export type ConnectionStatusView =
  | { status: 'none' }
  | {
      status: ConnectionStatus;
      connectionId: string;
      region: ClioRegion;
      clioUserId: string;
      /** ISO-8601: when the current connection was made (a reconnect resets it). */
      connectedAt: string;
      /** ISO-8601: last change of state or tokens. */
      updatedAt: string;
    };

/** The caller's firm's connection; another firm's is simply not there (`none`). */
export const connectionStatusOf = async (
  db: Executor<AuthServiceDb>,
  firmId: string,
): Promise<ConnectionStatusView> => {
  const c = await findConnectionByFirm(db, firmId);
  if (!c) return { status: 'none' };
  return {
    status: c.status,
    connectionId: c.connectionId,
    region: c.region,
    clioUserId: c.clioUserId,
    connectedAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
};
