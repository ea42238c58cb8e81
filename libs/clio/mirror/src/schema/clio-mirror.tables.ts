import type { ColumnType, JSONColumnType } from 'kysely';
import type { ClioMirrorDetailTables } from './clio-mirror-details.tables';
import type { ClioMirrorReviewTables } from './clio-mirror-review.tables';
import type { ClioRecordChangeTables } from './clio-record-changes.tables';
import type { ClioPendingWritesTables } from './clio-pending-writes.tables';
import type { ClioMirrorTiesTables } from './clio-mirror-ties.tables';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * One Clio record as last observed, projected from `ClioRecordsFetched` and `RecordsSwept` (libs/clio/mirror).
 * Every time is Clio's or event time, never wall clock, so a rebuild from the log equals the live table.
 */
export interface ClioMirrorTable {
  firm_id: string;
  /** Clio id as text (Clio sends integers, and strings for some resources). */
  id: string;
  etag: string;
  created_at: Timestamp | null;
  updated_at: Timestamp | null;
  /** The record as fetched: exactly the requested `fields`. */
  data: JSONColumnType<Record<string, unknown>>;
  /** Clio sent `{"id": …, "redacted": true}`: the record exists but this connection's user may not see it. */
  is_redacted: ColumnType<boolean, boolean | undefined, boolean>;
  /** Trashed in Clio, or missing from a complete listing (swept). */
  is_soft_deleted: boolean;
  deleted_at: Timestamp | null;
  /** The matter the record belongs to (a matter row: its own id). */
  matter_id: string | null;
  /** Sync job of the event that last wrote the row. */
  last_job_id: string | null;
  /** Sync job whose listing brought a soft-deleted row back (null otherwise). */
  restored_by_job: string | null;
  /** Log position (xid8, global position) of the last event that wrote the row; int8 arrives as a string. */
  last_tx_id: ColumnType<string, string | bigint, string | bigint>;
  last_global_position: ColumnType<string, string | bigint, string | bigint>;
  /** Event time of the last write (the read API's "last synced"); null for rows written before it was kept. */
  last_synced_at: ColumnType<Date | null, Date | string | undefined, Date | string | null>;
  /** What last wrote the row: a {@link MirrorSource} (`sync`, `webhook`, `write_back`). */
  last_source: ColumnType<string, string | undefined, string>;
}

/** Documents and folders also keep their parent folder, for counting. */
export interface ClioTreeMirrorTable extends ClioMirrorTable {
  parent_id: string | null;
}

/** Every table of the mirror: one per entity type, and the detail tables of their nested data. */
export interface ClioMirrorTables
  extends
    ClioMirrorDetailTables,
    ClioMirrorReviewTables,
    ClioRecordChangeTables,
    ClioPendingWritesTables,
    ClioMirrorTiesTables {
  clio_users: ClioMirrorTable;
  clio_custom_fields: ClioMirrorTable;
  clio_matters: ClioMirrorTable;
  clio_contacts: ClioMirrorTable;
  clio_relationships: ClioMirrorTable;
  clio_matter_notes: ClioMirrorTable;
  clio_contact_notes: ClioMirrorTable;
  clio_calendar_entries: ClioMirrorTable;
  clio_tasks: ClioMirrorTable;
  clio_folders: ClioTreeMirrorTable;
  clio_documents: ClioTreeMirrorTable;
  clio_activities: ClioMirrorTable;
}
