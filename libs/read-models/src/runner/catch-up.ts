import type { Kysely } from 'kysely';
import type { Database } from '@sf/db';
import { loadCheckpoint, readAllAfter } from '@sf/event-store';
import { checkpointName, type Projection } from '../projection';
import { resetProjection } from './reset';
import { runProjectionBatch } from './run-batch';
import { sleep } from './sleep';

export interface CatchUpOptions {
  /** Events per batch (one transaction each). Default 500. */
  batchSize?: number;
  /** Pause while another runner holds the projection, in ms. Default 20. */
  busyMs?: number;
}

/** True when nothing committed in the log lies after the projection's checkpoint. */
export const isCaughtUp = async (db: Kysely<Database>, projection: Projection): Promise<boolean> => {
  const after = await loadCheckpoint(db, checkpointName(projection));
  return (await readAllAfter(db, after, 1)).length === 0;
};

/**
 * Applies batches until the projection has consumed everything committed so far (this caller or a concurrent
 * runner). Returns how many events this caller applied.
 */
export const catchUp = async (db: Kysely<Database>, projection: Projection, opts: CatchUpOptions = {}): Promise<number> => {
  const batchSize = opts.batchSize ?? 500;
  let applied = 0;
  for (;;) {
    const outcome = await runProjectionBatch(db, projection, batchSize);
    if (outcome.kind === 'idle') return applied;
    if (outcome.kind === 'applied') applied += outcome.events.length;
    else if (await isCaughtUp(db, projection)) return applied;
    else await sleep(opts.busyMs ?? 20);
  }
};

/**
 * Drops the read model (truncates its tables), resets its checkpoint to 0 and replays the whole log. Rows are a
 * pure function of the events (times come from events, never now()), so the result equals the live read model.
 * Readers see an empty, then filling, read model until it returns.
 */
export const rebuildProjection = async (
  db: Kysely<Database>,
  projection: Projection,
  opts: CatchUpOptions = {},
): Promise<{ events: number }> => {
  await db.transaction().execute((trx) => resetProjection(trx, projection));
  return { events: await catchUp(db, projection, opts) };
};
