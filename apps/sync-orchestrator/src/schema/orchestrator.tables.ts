import type { ColumnType, Generated } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A firm's schedule: its settings (schedule stream) and whether it is connected (connection stream). Event times. */
export interface SyncSchedulesTable {
  firm_id: string;
  interval_minutes: number;
  off_peak_only: boolean;
  paused: boolean;
  /** True from `ClioConnected` until `ConnectionRevoked` or `ConnectionNeedsReauth`. */
  connected: boolean;
  /** The connection's Clio region; null before the firm ever connected. */
  region: string | null;
  /** The connection the firm is connected with (a late revocation of a replaced one is ignored). */
  connection_id: string | null;
  /** When the schedule (re)started: the last connect. */
  started_at: Timestamp;
  /** Time of the last event that changed the row: the scheduler re-decides a run whose `seen_changed_at` differs. */
  changed_at: Timestamp;
  last_tx_id: string;
  last_global_position: string;
}

/** One due run (`schedule` or `reconcile`) of one firm: the scheduler's claim, fence and next due time. */
export interface SyncScheduleRunsTable {
  firm_id: string;
  /** `schedule | reconcile` (check constraint). */
  kind: string;
  /** Null: decide now. */
  due_at: Timestamp | null;
  seen_changed_at: Timestamp | null;
  /** Counts fired runs; the sync request's ids derive from (firm, kind, run_seq), so a re-fire repeats them. */
  run_seq: Generated<string>;
  last_run_at: Timestamp | null;
  /** The policy's reason for the last fired run (`ok`, `already_syncing`, …). */
  last_reason: string | null;
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  /** Incremented by every claim; completion succeeds only with the claim's value. */
  fence: Generated<string>;
}

export interface OrchestratorTables {
  sync_schedules: SyncSchedulesTable;
  sync_schedule_runs: SyncScheduleRunsTable;
}
