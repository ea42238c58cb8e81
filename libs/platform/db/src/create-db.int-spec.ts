import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { createDb } from './create-db';

describe('createDb: a connection dies while checked out', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(() => t.drop());

  it('fails only the transaction that held it: no process crash, and the pool serves the next query', async () => {
    const db = createDb({ url: t.url, max: 2, onIdleError: () => undefined });
    const killer = createDb({ url: t.url, max: 1 });
    try {
      // Terminated between two statements of a transaction: pg-pool has no listener on a checked-out client, and
      // without createDb's own the 'error' event would be unhandled (the process would exit).
      const inTrx = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(killer);
        await new Promise((r) => setTimeout(r, 200));
        await sql`select 1`.execute(trx);
      });
      await expect(inTrx).rejects.toThrow();
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await db.destroy();
      await killer.destroy();
    }
  });
});
