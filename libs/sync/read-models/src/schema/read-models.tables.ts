import type { ColumnType, JSONColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Sync state of one matter, projected from matter-scoped sync-job events (libs/sync/read-models, matter-sync-state). */
export interface MatterSyncStateTable {
  firm_id: string;
  matter_id: string;
  /** `idle | syncing | blocked | error` (check constraint). */
  state: string;
  active_job_id: string | null;
  last_synced_at: Timestamp | null;
  /** User-facing reason of the most recent failed job; cleared when a job completes. */
  last_error: string | null;
  last_error_code: string | null;
  progress_current: number;
  progress_total: number | null;
  blocked_until: Timestamp | null;
  /** Per-entity-type cumulative progress of the active job (internal fold state, not for display). */
  progress: JSONColumnType<MatterSyncProgressJson>;
  /** Time of the last event applied to the row (event time, never wall clock). */
  updated_at: Timestamp;
  /** Log position (xid8, global position) of the last event applied; replays at or below it are no-ops. */
  last_tx_id: string;
  last_global_position: string;
}

export interface MatterSyncProgressJson {
  entityTypes: string[] | null;
  estimatedTotal: number | null;
  byType: Record<string, { fetched: number; total: number | null }>;
}

/** One processing job and its frozen document snapshot, projected from processing-job events. */
export interface JobSnapshotsTable {
  job_id: string;
  firm_id: string;
  matter_id: string;
  folder_id: string | null;
  /** The frozen list of document ids the job processes (JSON array of strings). */
  document_ids: JSONColumnType<string[]>;
  /** First outcome per snapshot document: `{ "<documentId>": "processed" | "skipped" | "failed" }`. */
  outcomes: JSONColumnType<Record<string, string>>;
  /** `running | completed | cancelled` (check constraint). */
  status: string;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_tx_id: string;
  last_global_position: string;
}

export interface ReadModelTables {
  matter_sync_state: MatterSyncStateTable;
  job_snapshots: JobSnapshotsTable;
}
