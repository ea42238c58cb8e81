import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { tablesOf } from '@sf/db';
import type { EventStoreTables, LogPosition } from '@sf/event-store';
import type { ProjectionsTables } from './schema/projections.tables';

/** A table a projection over the tables `T` owns; a rebuild truncates exactly these. */
export type ReadModelTable<T> = keyof T & string;

/** The tables the runner itself reads and writes: the log and its checkpoints, and the read-model versions. */
export type ProjectionRunnerTables = EventStoreTables & ProjectionsTables;

/**
 * A read model fed from the global log, writing the tables `T` (its owner's). `apply` folds one batch (in log
 * order) into its tables inside the runner's transaction, which also stores the checkpoint; it must ignore event
 * types it does not know and must be idempotent (replaying events it has already applied changes nothing).
 */
export interface Projection<T> {
  /** Stable name: the checkpoint, the advisory lock and the CLI use it. */
  readonly name: string;
  /** Bump when the row logic or the tables change: the runner then rebuilds the read model from position 0. */
  readonly version: number;
  /** Tables this projection owns exclusively. */
  readonly tables: readonly ReadModelTable<T>[];
  /**
   * The event types whose payload `apply` reads (the set its typed reader folds). The runner then loads only their
   * payloads: every other event still arrives, in its place, with `data` null. Absent: every payload.
   */
  readonly eventTypes?: ReadonlySet<string>;
  apply(trx: Transaction<T>, events: readonly RecordedEvent[], ctx?: ApplyContext): Promise<void>;
  /**
   * Empties what this projection owns before a replay from position 0. Default: truncate `tables`. A partition of a
   * read model (`partitionProjection`) deletes only its own rows: the other partitions' stay with their checkpoints.
   */
  reset?(trx: Transaction<T>): Promise<void>;
}

/** What the runner knows about a batch besides its events. */
export interface ApplyContext {
  /** The checkpoint the batch continues from (the events are the ones right after it in the log). */
  after: LogPosition;
}

/** Checkpoint name of a projection in `es_checkpoints`. */
export const checkpointName = (p: { readonly name: string }): string => `projection:${p.name}`;

/**
 * The projection as one of a list over wider tables `DB` (a registry, a process running several read models):
 * it still sees only its own tables `T`.
 */
export const widenProjection = <T, DB extends T>(p: Projection<T>): Projection<DB> => ({
  name: p.name,
  version: p.version,
  tables: p.tables,
  ...(p.eventTypes ? { eventTypes: p.eventTypes } : {}),
  apply: (trx, events, ctx) => p.apply(tablesOf<T, DB>(trx), events, ctx),
  ...(p.reset ? { reset: (trx: Transaction<DB>) => p.reset!(tablesOf<T, DB>(trx)) } : {}),
});
