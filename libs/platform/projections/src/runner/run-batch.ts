import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { tablesOf } from '@sf/db';
import { loadCheckpoint, LogPosition, readAllAfter, storeCheckpoint, type EventStoreTables } from '@sf/event-store';
import { checkpointName, type Projection } from '../projection';
import { tryLockProjection } from './projection-lock';

/** The read of a projection's batch: the payloads of the types it reads (see `Projection.eventTypes`). */
export const dataOf = (p: { eventTypes?: ReadonlySet<string> }): { dataOf?: ReadonlySet<string> } =>
  p.eventTypes ? { dataOf: p.eventTypes } : {};

/** A read that only asks whether anything lies after a position: no payload at all. */
export const NO_DATA: { dataOf: ReadonlySet<string> } = { dataOf: new Set() };

export type BatchOutcome =
  /** Another runner holds the projection right now. */
  | { kind: 'busy' }
  /** Nothing committed after the checkpoint. */
  | { kind: 'idle' }
  /** `events` were applied and the checkpoint moved to the last of them, in one committed transaction. */
  | { kind: 'applied'; events: readonly RecordedEvent[]; checkpoint: LogPosition; full: boolean };

/**
 * One batch in one transaction: take the projection's advisory lock (or report busy), read the log after the
 * checkpoint, apply, store the checkpoint. The checkpoint is read after the lock is held, so two runners
 * alternate without either applying a batch the other has already committed.
 */
export const runProjectionBatch = <T, DB extends EventStoreTables & T>(
  db: Kysely<DB>,
  projection: Projection<T>,
  batchSize: number,
): Promise<BatchOutcome> =>
  db.transaction().execute(async (trx): Promise<BatchOutcome> => {
    if (!(await tryLockProjection(trx, projection.name))) return { kind: 'busy' };
    const name = checkpointName(projection);
    const after = await loadCheckpoint(trx, name);
    const events = await readAllAfter(trx, after, batchSize, dataOf(projection));
    const last = events[events.length - 1];
    if (last === undefined) return { kind: 'idle' };
    await projection.apply(tablesOf<T, DB>(trx), events, { after });
    const checkpoint = LogPosition.of(last);
    await storeCheckpoint(trx, name, checkpoint);
    return { kind: 'applied', events, checkpoint, full: events.length === batchSize };
  });
