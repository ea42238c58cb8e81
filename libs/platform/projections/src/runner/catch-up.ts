import type { Kysely } from 'kysely';
import { loadCheckpoint, LogPosition, readAllAfter, type EventStoreTables } from '@sf/event-store';
import { checkpointName, type Projection, type ProjectionRunnerTables } from '../projection';
import { resetProjection } from './reset';
import { NO_DATA, runProjectionBatch } from './run-batch';
import { sleep } from './sleep';

export interface CatchUpOptions {
  /** Events per batch (one transaction each). Default 500. */
  batchSize?: number;
  /** Pause while another runner holds the projection, or while `until` is not yet visible, in ms. Default 20. */
  busyMs?: number;
  /**
   * Keep going until the checkpoint reaches this position (e.g. the last event a test or tool appended). Without
   * it, catching up stops at the first empty read; note a read only sees events below the oldest transaction
   * still open anywhere on the server, so "empty" can come before a just-committed event is readable.
   */
  until?: LogPosition;
  /** Give up (throw) after this long when `until` is set, in ms. Default 30,000. */
  timeoutMs?: number;
  /** Called after each applied batch with the events applied so far (progress bars of long rebuilds). */
  onProgress?: (applied: number) => void;
}

/**
 * True when the projection's checkpoint is at or past `until`; without `until`, when nothing readable in the log
 * lies after the checkpoint.
 */
export const isCaughtUp = async <T, DB extends EventStoreTables & T>(
  db: Kysely<DB>,
  projection: Projection<T>,
  until?: LogPosition,
): Promise<boolean> => {
  const at = await loadCheckpoint(db, checkpointName(projection));
  if (until) return LogPosition.compare(at, until) >= 0;
  return (await readAllAfter(db, at, 1, NO_DATA)).length === 0;
};

/**
 * Applies batches until the projection has consumed everything readable so far (or up to `until`), by this
 * caller or a concurrent runner. Returns how many events this caller applied.
 */
export const catchUp = async <T, DB extends EventStoreTables & T>(
  db: Kysely<DB>,
  projection: Projection<T>,
  opts: CatchUpOptions = {},
): Promise<number> => {
  const batchSize = opts.batchSize ?? 500;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let applied = 0;
  for (;;) {
    const outcome = await runProjectionBatch(db, projection, batchSize);
    if (outcome.kind === 'applied') {
      applied += outcome.events.length;
      opts.onProgress?.(applied);
      continue;
    }
    if (await isCaughtUp(db, projection, opts.until)) return applied;
    if (opts.until && Date.now() > deadline) {
      throw new Error(
        `${projection.name} did not reach ${LogPosition.format(opts.until)} within ${opts.timeoutMs ?? 30_000} ms`,
      );
    }
    await sleep(opts.busyMs ?? 20);
  }
};

/**
 * Drops the read model (truncates its tables), resets its checkpoint to 0 and replays the whole log. Rows are a
 * pure function of the events (times come from events, never now()), so the result equals the live read model.
 * Readers see an empty, then filling, read model until it returns.
 */
export const rebuildProjection = async <T, DB extends ProjectionRunnerTables & T>(
  db: Kysely<DB>,
  projection: Projection<T>,
  opts: CatchUpOptions = {},
): Promise<{ events: number }> => {
  await db.transaction().execute((trx) => resetProjection(trx, projection));
  return { events: await catchUp(db, projection, opts) };
};

/**
 * Applies what is readable now and says whether the projection has reached `until`, without ever waiting: for
 * callers that hold something open (a consumer's transaction) and must retry later rather than sleep.
 */
export const tryCatchUp = async <T, DB extends EventStoreTables & T>(
  db: Kysely<DB>,
  projection: Projection<T>,
  until: LogPosition,
  batchSize = 500,
): Promise<boolean> => {
  while ((await runProjectionBatch(db, projection, batchSize)).kind === 'applied') {
    if (await isCaughtUp(db, projection, until)) return true;
  }
  return isCaughtUp(db, projection, until);
};
