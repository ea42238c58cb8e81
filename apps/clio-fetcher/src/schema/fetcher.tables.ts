import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<string, string | bigint, string | bigint>;

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
  sync_bookmarks: SyncBookmarksTable;
}
