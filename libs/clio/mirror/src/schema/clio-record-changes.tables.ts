import type { ColumnType, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<string, string | bigint, string | bigint>;

/**
 * One real change of a mirrored record (`ClioRecordChanged`), derived by the mirror projection from the log: a pure
 * function of it (ids, times and positions all come from the log), so a rebuild writes the same rows.
 */
export interface ClioRecordChangesTable {
  /** Deterministic from (firm, entity type, record, log position): the published `Nats-Msg-Id`. */
  change_id: string;
  firm_id: string;
  entity_type: string;
  record_id: string;
  /** Log position of the event that made the change: orders a record's changes. */
  tx_id: Int8;
  global_position: Int8;
  /** A `ChangeKind`. */
  change: string;
  /** Changed fields: `{ <name>: { old, new } }`. */
  fields: JSONColumnType<Record<string, { old: unknown; new: unknown }>>;
  etag: string | null;
  updated_at: Timestamp | null;
  deleted_at: Timestamp | null;
  /** A `ChangeSource`. */
  source: string;
  job_id: string | null;
  /** Event time of the log event. */
  observed_at: Timestamp;
  /**
   * The transaction that wrote the row (xid8, a decimal string when read; '0' for rows published before the cursor):
   * the change relay's order. Kept across rebuilds, which leave recorded rows as they are.
   */
  written_by: ColumnType<string, never, never>;
}

/** The change relay's position: the last change it had acknowledged by JetStream, in its reading order. */
export interface ClioChangeRelayCursorTable {
  name: string;
  written_by: ColumnType<string, string, string>;
  tx_id: Int8;
  global_position: Int8;
  entity_type: string;
  record_id: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ClioRecordChangeTables {
  clio_record_changes: ClioRecordChangesTable;
  clio_change_relay_cursor: ClioChangeRelayCursorTable;
}
