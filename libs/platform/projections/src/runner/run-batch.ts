import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { tablesOf } from '@sf/db';
import { loadCheckpoint, LogPosition, readAllAfter, storeCheckpoint, type EventStoreTables } from '@sf/event-store';
import { ProjectionAttr, startProjectionSpan } from '@sf/telemetry';
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
 * alternate without either applying a batch the other has already committed. An applied batch is one
 * `project <name>` span (apply to commit) linked to the trace of each event that carries one.
 */
export const runProjectionBatch = async <T, DB extends EventStoreTables & T>(
  db: Kysely<DB>,
  projection: Projection<T>,
  batchSize: number,
): Promise<BatchOutcome> => {
  let span: Span | undefined;
  try {
    const outcome = await db.transaction().execute(async (trx): Promise<BatchOutcome> => {
      if (!(await tryLockProjection(trx, projection.name))) return { kind: 'busy' };
      const name = checkpointName(projection);
      const after = await loadCheckpoint(trx, name);
      const events = await readAllAfter(trx, after, batchSize, dataOf(projection));
      const last = events[events.length - 1];
      if (last === undefined) return { kind: 'idle' };
      const s = startProjectionSpan(
        projection.name,
        events.map((e) => e.metadata.trace),
      );
      span = s;
      await context.with(trace.setSpan(context.active(), s), () =>
        projection.apply(tablesOf<T, DB>(trx), events, { after }),
      );
      const checkpoint = LogPosition.of(last);
      await storeCheckpoint(trx, name, checkpoint);
      return { kind: 'applied', events, checkpoint, full: events.length === batchSize };
    });
    if (outcome.kind === 'applied')
      span?.setAttributes({
        [ProjectionAttr.Events]: outcome.events.length,
        [ProjectionAttr.Checkpoint]: LogPosition.format(outcome.checkpoint),
      });
    return outcome;
  } catch (err) {
    // The class only: a driver's message may quote values.
    span?.setAttribute('error.type', err instanceof Error ? err.name : typeof err);
    span?.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span?.end();
  }
};
