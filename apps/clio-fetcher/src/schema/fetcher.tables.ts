import type { ColumnType, JSONColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<string, string | bigint, string | bigint>;

/** The fetcher's work queue: one row per sync job (apps/clio-fetcher). Operational state, not a read model. */
export interface SyncJobWorkTable {
  job_id: string;
  firm_id: string;
  /** `{ kind: 'firm' } | { kind: 'matter', matterId }` as in `SyncRequested.scope`. */
  scope: JSONColumnType<{ kind: string; matterId?: string }>;
  /** Entity types asked for; null means every entity type of the scope. */
  entity_types: JSONColumnType<string[]> | null;
  trigger: string;
  /** `ready | paused | done | cancelled` (check constraint). Only `ready` rows are claimed. */
  status: string;
  /** Worker id holding the lease; null when free. */
  owner: string | null;
  /** Lease end, or the instant a blocked job may be claimed again; null = claimable now. */
  lease_until: Timestamp | null;
  /** Consecutive failed attempts without progress (reset by a page). */
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  requested_at: Timestamp;
  correlation_id: string;
  request_event_id: string;
  /** Log position of the last pause/resume event applied (older ones arriving late are ignored). */
  control_tx_id: Int8 | null;
  control_global_position: Int8 | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Next incremental `updated_since` per scope and entity type (`scope_key` = `firm` or `matter-<id>`). */
export interface SyncBookmarksTable {
  firm_id: string;
  scope_key: string;
  entity_type: string;
  updated_since: Timestamp;
  job_id: string;
  /** Log position of the job-stream event that completed the entity type. */
  set_tx_id: Int8;
  set_global_position: Int8;
}

export interface FetcherTables {
  sync_job_work: SyncJobWorkTable;
  sync_bookmarks: SyncBookmarksTable;
}

declare module '@sf/db' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this owner's tables into Database
  interface Database extends FetcherTables {}
}
