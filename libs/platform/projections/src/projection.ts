import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { Database } from '@sf/db';
import type { LogPosition } from '@sf/event-store';

/** A table a projection owns (declared by its owner into `Database`); a rebuild truncates exactly these. */
export type ReadModelTable = keyof Database & string;

/**
 * A read model fed from the global log. `apply` folds one batch (in log order) into its tables inside the
 * runner's transaction, which also stores the checkpoint; it must ignore event types it does not know and must be
 * idempotent (replaying events it has already applied changes nothing).
 */
export interface Projection {
  /** Stable name: the checkpoint, the advisory lock and the CLI use it. */
  readonly name: string;
  /** Bump when the row logic or the tables change: the runner then rebuilds the read model from position 0. */
  readonly version: number;
  /** Tables this projection owns exclusively. */
  readonly tables: readonly ReadModelTable[];
  apply(trx: Transaction<Database>, events: readonly RecordedEvent[], ctx?: ApplyContext): Promise<void>;
}

/** What the runner knows about a batch besides its events. */
export interface ApplyContext {
  /** The checkpoint the batch continues from (the events are the ones right after it in the log). */
  after: LogPosition;
}

/** Checkpoint name of a projection in `es_checkpoints`. */
export const checkpointName = (p: Pick<Projection, 'name'>): string => `projection:${p.name}`;
