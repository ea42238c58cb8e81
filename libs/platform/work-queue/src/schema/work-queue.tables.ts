import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Int8 = ColumnType<string, string | bigint, string | bigint>;

/** One row per queued job of any service (`@sf/work-queue`). Operational state, not a read model. */
export interface WorkQueueTable {
  /** The service's queue, e.g. `sync-jobs`, `processing-jobs`. */
  queue: string;
  job_id: string;
  firm_id: string;
  correlation_id: string;
  /** Job-specific fields, owned and decoded by the queue's service. */
  payload: ColumnType<unknown, string | undefined, string>;
  /** `ready | paused | done | cancelled` (check constraint). Only `ready` rows are claimed. */
  status: string;
  /** Worker id holding the lease; null when free. */
  owner: string | null;
  /** Claims so far: the fencing token a holder presents with every renewal, release and settlement. */
  generation: ColumnType<number, number | undefined, number>;
  /** Lease end, or the instant a released job may be claimed again; null = claimable now. */
  lease_until: Timestamp | null;
  /** Consecutive failed attempts without progress (reset on progress). */
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  requested_at: Timestamp;
  /** Log position of the last pause/resume applied (older ones arriving late are ignored). */
  control_tx_id: Int8 | null;
  control_global_position: Int8 | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface WorkQueueTables {
  work_queue: WorkQueueTable;
}
