import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<string, string | bigint, string | bigint>;

/** One record a sync left out of the mirror because it failed validation (`SyncRecordsFlagged`), for review. */
export interface ClioFlaggedRecordsTable {
  firm_id: string;
  event_id: string;
  /** Position of the record in the event's list. */
  seq: number;
  job_id: string;
  entity_type: string;
  /** Null when the record had no usable id. */
  record_id: string | null;
  /** What is wrong, by field name; never a value. */
  reason: string;
  flagged_at: Timestamp;
}

/**
 * A sweep the circuit breaker held (`RecordsSwept` with `heldForReview`), and the decision on it
 * (`HeldSweepApproved` / `HeldSweepRejected`). The held sweep's log position guards the approval: a row written
 * since (seen alive again) is not deleted by it.
 */
export interface ClioHeldSweepsTable {
  firm_id: string;
  sweep_event_id: string;
  job_id: string;
  entity_type: string;
  matter_id: string | null;
  listed: number;
  held_ids: string[];
  held_at: Timestamp;
  held_tx_id: Int8;
  held_global_position: Int8;
  /** `held | approved | rejected` (check constraint). */
  status: ColumnType<string, string | undefined, string>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  reason: string | null;
  /** With `approved`: the held ids the approval soft-deleted (those not written since the hold). */
  applied_ids: string[] | null;
}

export interface ClioMirrorReviewTables {
  clio_flagged_records: ClioFlaggedRecordsTable;
  clio_held_sweeps: ClioHeldSweepsTable;
}
