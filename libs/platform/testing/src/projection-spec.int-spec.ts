import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import { projectionSpec, type ProjectionLike } from './projection-spec';
import { createTestDatabase, type TestDatabase } from './test-database';

// Two toy projections over a scratch table: one idempotent (keyed insert), one that double counts on replay.
type Tick = { key: string };
const count = <DB>(trx: Executor<DB>) =>
  sql<{ key: string; n: number }>`select key, n from spec_counts order by key`.execute(trx).then((r) => r.rows);

const idempotent: ProjectionLike<unknown, Tick> = {
  apply: async (trx, events) => {
    for (const e of events) await sql`insert into spec_seen values (${e.key}) on conflict do nothing`.execute(trx);
    await sql`delete from spec_counts`.execute(trx);
    await sql`insert into spec_counts select key, count(*)::int from spec_seen group by key`.execute(trx);
  },
};
const naive: ProjectionLike<unknown, Tick> = {
  apply: async (trx, events) => {
    for (const e of events) {
      await sql`insert into spec_counts values (${e.key.slice(0, 1)}, 1) on conflict (key) do update set n = spec_counts.n + 1`.execute(
        trx,
      );
    }
  },
};

describe('projectionSpec', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await sql`create table spec_seen (key text primary key)`.execute(t.db);
    await sql`create table spec_counts (key text primary key, n int not null)`.execute(t.db);
  });
  afterAll(() => t.drop());

  it('passes an idempotent projection with given + when events replayed', async () => {
    await projectionSpec(t.db, idempotent)
      .given([{ key: 'a1' }])
      .when([{ key: 'a2' }, { key: 'b1' }])
      .then(
        count,
        [
          { key: 'a1', n: 1 },
          { key: 'a2', n: 1 },
          { key: 'b1', n: 1 },
        ],
        { times: 2, batchSize: 1 },
      );
  });

  it('catches a projection that double counts on replay', async () => {
    await expect(
      projectionSpec(t.db, naive)
        .given([{ key: 'a1' }, { key: 'a2' }])
        .then(count, [{ key: 'a', n: 2 }]),
    ).rejects.toThrow();
    await expect(
      projectionSpec(t.db, naive)
        .given([{ key: 'a1' }, { key: 'a2' }])
        .thenRows(count, { times: 1 }),
    ).resolves.toEqual([{ key: 'a', n: 2 }]);
  });

  it('leaves no rows behind', async () => {
    await projectionSpec(t.db, naive)
      .given([{ key: 'z' }])
      .thenRows(count);
    expect(await count(t.db)).toEqual([]);
  });
});
