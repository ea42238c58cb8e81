import { EventTypes, type ClioRegion } from '@sf/contracts';
import { eventTime, type SyncLogEvent } from '../sync-log-event';
import { DEFAULT_SCHEDULE_SETTINGS, evolveScheduleSettings, type ScheduleSettings } from './schedule-settings';

/** A firm's schedule as the scheduler reads it (the `sync_schedules` read model). Times are epoch ms (event time). */
export interface FirmSchedule {
  readonly firmId: string;
  readonly settings: ScheduleSettings;
  /** Connected to Clio with a usable connection: only then do its runs fire. */
  readonly connected: boolean;
  readonly region: ClioRegion | null;
  readonly connectionId: string | null;
  /** The last connect (or the first settings change before any). */
  readonly startedAt: number;
  /** The last change of anything above: runs decided before it are decided again. */
  readonly changedAt: number;
}

const initial = (e: SyncLogEvent): FirmSchedule => ({
  firmId: e.metadata.firmId,
  settings: DEFAULT_SCHEDULE_SETTINGS,
  connected: false,
  region: null,
  connectionId: null,
  startedAt: eventTime(e),
  changedAt: eventTime(e),
});

/**
 * Folds a schedule-stream or connection-stream event. Connect starts the schedule (with the firm's settings, the
 * defaults if it never set any); a revocation or a needs-reauth of the current connection stops it (a person must
 * reconnect before any sync can run). Other events leave the schedule as it was (same object).
 */
export const evolveFirmSchedule = (row: FirmSchedule | null, e: SyncLogEvent): FirmSchedule | null => {
  switch (e.type) {
    case EventTypes.SyncScheduleChanged: {
      const base = row ?? initial(e);
      return { ...base, settings: evolveScheduleSettings(base.settings, e), changedAt: eventTime(e) };
    }
    case EventTypes.ClioConnected: {
      const base = row ?? initial(e);
      const t = eventTime(e);
      return {
        ...base,
        connected: true,
        region: e.data.region,
        connectionId: e.data.connectionId,
        startedAt: t,
        changedAt: t,
      };
    }
    case EventTypes.ConnectionNeedsReauth:
    case EventTypes.ConnectionRevoked:
      if (row === null || row.connectionId !== e.data.connectionId || !row.connected) return row;
      return { ...row, connected: false, changedAt: eventTime(e) };
    default:
      return row;
  }
};
