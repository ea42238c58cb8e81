import type { ColumnType, JSONColumnType } from 'kysely';
import type { WriteState } from '@sf/clio-writes';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<string, string | bigint, string | bigint>;

/** One write-back, folded from its `clio_write` stream by the `clio-pending-writes` projection. */
export interface ClioPendingWriteTable {
  write_id: string;
  firm_id: string;
  entity_type: string;
  operation: string;
  /** `<entity type>:<record id>` for a write to an existing record; `new:<write id>` for a create. */
  record_key: string;
  record_id: string | null;
  matter_id: string | null;
  contact_id: string | null;
  /** A `WriteStatus`. */
  status: string;
  state: JSONColumnType<WriteState>;
  requested_at: Timestamp;
  updated_at: Timestamp;
  /** The request's log position: the order of writes to one record. */
  tx_id: Int8;
  global_position: Int8;
}

export interface ClioPendingWritesTables {
  clio_pending_writes: ClioPendingWriteTable;
}
