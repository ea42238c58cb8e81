import { EventTypes, type ClioRegion } from '@sf/contracts';
import { ConnectionStatus } from '@sf/sync-policy';
import { eventTime, type SyncLogEvent } from './sync-log-event';

/** The Clio connection of one firm (the `firm_connections` read model). `changedAt` is epoch ms (event time). */
export interface FirmConnection {
  readonly firmId: string;
  readonly connectionId: string;
  readonly status: Exclude<ConnectionStatus, 'missing'>;
  readonly region: ClioRegion;
  readonly changedAt: number;
}

/**
 * Folds one connection-stream event. `ClioConnected` (re)connects, replacing an older connection; needs-reauth
 * and revocation apply only to the connection they name, so a late event about a replaced connection is ignored.
 */
export const evolveFirmConnection = (row: FirmConnection | null, e: SyncLogEvent): FirmConnection | null => {
  switch (e.type) {
    case EventTypes.ClioConnected:
      return {
        firmId: e.metadata.firmId,
        connectionId: e.data.connectionId,
        status: ConnectionStatus.Active,
        region: e.data.region,
        changedAt: eventTime(e),
      };
    case EventTypes.ConnectionNeedsReauth:
    case EventTypes.ConnectionRevoked: {
      if (row === null || row.connectionId !== e.data.connectionId) return row;
      const status = e.type === EventTypes.ConnectionRevoked ? ConnectionStatus.Revoked : ConnectionStatus.NeedsReauth;
      return { ...row, status, changedAt: eventTime(e) };
    }
    default:
      return row;
  }
};

/** The policy's connection status of a firm: `missing` when it never connected. */
export const connectionStatusOf = (row: Pick<FirmConnection, 'status'> | null): ConnectionStatus =>
  row === null ? ConnectionStatus.Missing : row.status;
