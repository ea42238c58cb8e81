import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { loadCheckpoint, storeCheckpoint } from './checkpoints';
import { LogPosition } from './log-position';
import type { EventStoreTables } from './schema/event-store.tables';

const at = (txId: number, position: number): LogPosition => ({ txId: BigInt(txId), position: BigInt(position) });

describe('checkpoints', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  // drop() lets the pool's backends leave before its FORCE drop (which would kill them mid-close).
  afterAll(() => t.drop());

  it('loads the start of the log for a reader that never stored one', async () => {
    expect(await loadCheckpoint(t.db, uniqueName('cp'))).toEqual(LogPosition.start);
  });

  it('stores and loads a position, per name', async () => {
    const [a, b] = [uniqueName('cp'), uniqueName('cp')];
    await storeCheckpoint(t.db, a, at(7, 3));
    await storeCheckpoint(t.db, b, at(9, 1));
    expect(await loadCheckpoint(t.db, a)).toEqual(at(7, 3));
    expect(await loadCheckpoint(t.db, b)).toEqual(at(9, 1));
  });

  it('never moves backwards, comparing transaction first and position second', async () => {
    const name = uniqueName('cp');
    await storeCheckpoint(t.db, name, at(10, 50));
    await storeCheckpoint(t.db, name, at(9, 900));
    expect(await loadCheckpoint(t.db, name)).toEqual(at(10, 50));
    await storeCheckpoint(t.db, name, at(10, 9));
    expect(await loadCheckpoint(t.db, name)).toEqual(at(10, 50));
    await storeCheckpoint(t.db, name, at(10, 50));
    expect(await loadCheckpoint(t.db, name)).toEqual(at(10, 50));
    await storeCheckpoint(t.db, name, at(10, 100));
    expect(await loadCheckpoint(t.db, name)).toEqual(at(10, 100));
    await storeCheckpoint(t.db, name, at(11, 1));
    expect(await loadCheckpoint(t.db, name)).toEqual(at(11, 1));
  });

  it('ends at the furthest position when writers store concurrently in any order', async () => {
    const name = uniqueName('cp');
    const positions = Array.from({ length: 30 }, (_, i) => at(100 + (i % 7), (i * 37) % 101));
    await Promise.all(positions.map((p) => storeCheckpoint(t.db, name, p)));
    expect(await loadCheckpoint(t.db, name)).toEqual(positions.reduce(LogPosition.max));
  });

  it('handles positions beyond 2^53 without rounding', async () => {
    const name = uniqueName('cp');
    const big = { txId: 2n ** 63n + 5n, position: 2n ** 62n + 1n };
    await storeCheckpoint(t.db, name, big);
    expect(await loadCheckpoint(t.db, name)).toEqual(big);
  });

  it('commits or rolls back with the transaction it is given', async () => {
    const name = uniqueName('cp');
    await expect(
      t.db.transaction().execute(async (trx) => {
        await storeCheckpoint(trx, name, at(5, 5));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await loadCheckpoint(t.db, name)).toEqual(LogPosition.start);
  });
});
