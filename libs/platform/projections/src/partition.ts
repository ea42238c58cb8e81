import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { Projection } from './projection';

/**
 * The partition of a key: FNV-1a (32 bit) of its UTF-8 bytes modulo `count`. Stable across processes and releases,
 * as it must be: a key's rows belong to the partition that wrote them.
 */
export const partitionOf = (key: string, count: number): number => {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h % count;
};

/** How a read model splits into partitions that may run side by side. */
export interface Partitioning<T> {
  /** Number of partitions (1: the projection as it is, same name and checkpoint). */
  count: number;
  /**
   * The key an event belongs to; every event of one key goes to one partition, in log order. Rows must be keyed
   * the same way (no row written from events of two keys). Null: not keyed (partition 0 applies it).
   */
  keyOf(e: RecordedEvent): string | null;
  /** Deletes the rows of the keys `mine` accepts: a partition's reset, leaving the other partitions' rows. */
  deleteRows(trx: Transaction<T>, mine: (key: string) => boolean): Promise<void>;
}

/**
 * Splits a projection into `count` partitions named `<name>#<i>/<count>` (i from 1), each with its own checkpoint,
 * advisory lock and version record, each applying only the events of its keys. Replicas of the runner then apply
 * different partitions at the same time instead of taking turns on one lock; each partition still reads the log in
 * order, so the order per key is kept, and its rows are those the whole projection writes for its keys, so the
 * union equals the unpartitioned read model and a rebuild reproduces it.
 */
export const partitionProjection = <T>(p: Projection<T>, part: Partitioning<T>): Projection<T>[] => {
  const { count } = part;
  if (!(Number.isInteger(count) && count >= 1)) throw new Error('partition count must be an integer >= 1');
  if (count === 1) return [p];
  const indexOf = (e: RecordedEvent): number => {
    const key = part.keyOf(e);
    return key === null ? 0 : partitionOf(key, count);
  };
  return Array.from({ length: count }, (_, i) => ({
    name: `${p.name}#${i + 1}/${count}`,
    version: p.version,
    tables: p.tables,
    ...(p.eventTypes ? { eventTypes: p.eventTypes } : {}),
    apply: (trx, events, ctx) =>
      p.apply(
        trx,
        events.filter((e) => indexOf(e) === i),
        ctx,
      ),
    reset: (trx) => part.deleteRows(trx, (key) => partitionOf(key, count) === i),
  }));
};
