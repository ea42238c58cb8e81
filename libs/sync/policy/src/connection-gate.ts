import { decision, SyncDecision, SyncReason } from './sync-decision';
import { ConnectionStatus } from './sync-policy-state';

const CONNECTION_REASON = {
  [ConnectionStatus.Active]: null,
  [ConnectionStatus.NeedsReauth]: SyncReason.NeedsReauth,
  [ConnectionStatus.Revoked]: SyncReason.ConnectionRevoked,
  [ConnectionStatus.Missing]: SyncReason.ConnectionMissing,
} as const satisfies { readonly [S in ConnectionStatus]: SyncReason | null };

/** The block a connection in this status imposes on every sync, or null when it is usable. */
export const connectionBlock = (status: ConnectionStatus): SyncDecision | null => {
  const reason = CONNECTION_REASON[status];
  return reason === null ? null : decision(reason);
};
