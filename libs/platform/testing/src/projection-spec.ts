import type { Kysely, Transaction } from 'kysely';
import { currentTypeName, type RecordedEvent } from '@sf/contracts';
import { tablesOf } from '@sf/db';

/** Anything that folds a batch of events into tables inside a transaction (a read-model projection). */
export interface ProjectionLike<T, E = RecordedEvent> {
  /** As `Projection.eventTypes`: the spec, like the runner, hands other events over with `data` null. */
  readonly eventTypes?: ReadonlySet<string>;
  apply(trx: Transaction<T>, events: readonly E[]): Promise<void>;
}

/** What the runner's read gives a projection that names its `eventTypes` (the payloads of those types only). */
const asRead = <E>(events: readonly E[], types: ReadonlySet<string> | undefined): E[] =>
  types === undefined
    ? [...events]
    : events.map((e) => {
        const r = e as { type?: unknown; data?: unknown };
        return typeof r.type === 'string' && !types.has(currentTypeName(r.type)) ? ({ ...e, data: null } as E) : e;
      });

export interface ProjectionThenOptions {
  /**
   * Apply the whole event list this many times; every pass after the first is a replay of events already
   * applied, which must change nothing. Default 2.
   */
  times?: number;
  /** Apply in batches of this many events (to put batch boundaries inside a sequence). Default: one batch. */
  batchSize?: number;
}

/** Runs `query` on the rows the projection wrote; all work happens in a transaction that is rolled back. */
export type RowsQuery<T, R> = (trx: Transaction<T>) => Promise<R>;

const batches = <E>(events: readonly E[], size: number | undefined): E[][] => {
  if (size === undefined || size >= events.length) return [[...events]];
  const out: E[][] = [];
  for (let i = 0; i < events.length; i += size) out.push(events.slice(i, i + size));
  return out;
};

/**
 * Given/when/then for projections against a real database:
 *
 *   await projectionSpec(db, projection).given(history).when(newEvents).then(rowsOf, expectedRows);
 *
 * Events are applied in order (given, then when) in one transaction that is always rolled back, so specs leave
 * no rows behind and can share a database. By default the list is applied twice, proving replays are no-ops.
 * `thenRows` returns what the query saw, for assertions of your own.
 */
export const projectionSpec = <T, DB extends T, E = RecordedEvent>(
  db: Kysely<DB>,
  projection: ProjectionLike<T, E>,
) => {
  const run = async <R>(events: readonly E[], query: RowsQuery<DB, R>, opts: ProjectionThenOptions): Promise<R> => {
    const trx = await db.startTransaction().execute();
    const read = asRead(events, projection.eventTypes);
    try {
      for (let pass = 0; pass < (opts.times ?? 2); pass++) {
        for (const batch of batches(read, opts.batchSize)) await projection.apply(tablesOf<T, DB>(trx), batch);
      }
      return await query(trx);
    } finally {
      await trx.rollback().execute();
    }
  };
  const from = (given: readonly E[]) => ({
    when: (events: readonly E[]) => from([...given, ...events]),
    thenRows: <R>(query: RowsQuery<DB, R>, opts: ProjectionThenOptions = {}): Promise<R> => run(given, query, opts),
    then: async <R>(query: RowsQuery<DB, R>, expected: R, opts: ProjectionThenOptions = {}): Promise<void> => {
      expect(await run(given, query, opts)).toEqual(expected);
    },
  });
  return { given: from };
};
