import { deleteInBatches, msAgoOnDbClock, startPeriodicPass, tablesOf, type Executor, type PeriodicPass } from '@sf/db';
import { workQueuePruned } from '@sf/metrics';
import type { WorkQueueTables } from './schema/work-queue.tables';
import { WorkStatus } from './work-item';

const DAY_MS = 24 * 60 * 60 * 1000;

export const WORK_RETENTION_DEFAULTS = {
  /**
   * How long a finished job's row stays: a month, as long as a consumer's inbox keeps the request that queued it,
   * so `sf job` still shows its last error. Nothing else needs it: a redelivered request is an inbox duplicate, and
   * an orchestrator's restart of a closed job is queued cancelled (the fetcher reads the scope's terminal events).
   */
  horizonMs: 31 * DAY_MS,
  everyMs: 60 * 60_000,
  /** Rows deleted per statement, so a pass never holds many row locks or one long transaction. */
  batchSize: 5_000,
} as const;

const FINISHED = [WorkStatus.done, WorkStatus.cancelled];

/**
 * Deletes `queue`'s done and cancelled rows last changed more than `horizonMs` ago (on the database's clock, the
 * one that stamped them), `batchSize` per statement until none is left; returns how many went. Ready and paused
 * rows are never touched, however old. Replicas may run it side by side.
 */
export const pruneFinishedWork = async <DB extends WorkQueueTables>(
  db: Executor<DB>,
  queue: string,
  horizonMs: number,
  batchSize: number = WORK_RETENTION_DEFAULTS.batchSize,
): Promise<number> => {
  if (!(horizonMs > 0)) throw new Error(`work retention must be positive, got ${horizonMs}`);
  const t = tablesOf<WorkQueueTables, DB>(db);
  const before = msAgoOnDbClock(horizonMs);
  return deleteInBatches(
    batchSize,
    () =>
      t
        .deleteFrom('work_queue')
        .where('queue', '=', queue)
        .where('job_id', 'in', (eb) =>
          eb
            .selectFrom('work_queue')
            .select('job_id')
            .where('queue', '=', queue)
            .where('status', 'in', FINISHED)
            .where('updated_at', '<', before)
            .limit(batchSize),
        )
        // A row resumed or re-queued since the select above stays.
        .where('status', 'in', FINISHED)
        .executeTakeFirst(),
    (n) => workQueuePruned.inc({ queue }, n),
  );
};

export interface WorkRetention {
  /** Keep finished rows this long, ms. Default `WORK_RETENTION_DEFAULTS.horizonMs`. */
  horizonMs?: number;
  /** Pass period, ms; the first pass runs at start. Default an hour. */
  everyMs?: number;
}

/** Prunes one queue's finished rows at start and then every `everyMs`; passes never overlap in one process. */
export const startWorkRetention = <DB extends WorkQueueTables>(
  db: Executor<DB>,
  queue: string,
  r: WorkRetention,
  onError: (err: unknown) => void,
): PeriodicPass =>
  startPeriodicPass({
    pass: () => pruneFinishedWork(db, queue, r.horizonMs ?? WORK_RETENTION_DEFAULTS.horizonMs),
    everyMs: r.everyMs ?? WORK_RETENTION_DEFAULTS.everyMs,
    onError,
  });
