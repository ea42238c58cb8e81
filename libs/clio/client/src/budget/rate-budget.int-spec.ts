import { createDb } from '@sf/db';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { DEFAULT_LIMIT, RateBudget, RESERVE_RELEASE_MS, UNMETERED_LIMIT, WINDOW_MS } from './rate-budget';
import type { ClioClientTables } from '../schema/clio-rate-budget.tables';

const T = Date.UTC(2025, 0, 6, 9, 0, 0);

describe('RateBudget (clio_rate_budgets, real Postgres)', () => {
  let tdb: TestDatabase<ClioClientTables>;
  let budget: RateBudget;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    budget = new RateBudget(tdb.db, 0.2);
  });
  afterAll(() => tdb.drop());

  const row = (id: string) =>
    tdb.db.selectFrom('clio_rate_budgets').selectAll().where('connection_id', '=', id).executeTakeFirstOrThrow();

  it('creates the row on first use with the conservative default and a provisional 60 s window', async () => {
    const id = uniqueName('conn');
    expect(await budget.acquire(id, 'interactive', T)).toEqual({ ok: true, remaining: DEFAULT_LIMIT - 1 });
    const r = await row(id);
    expect([r.limit, r.remaining, r.reset_at.getTime()]).toEqual([50, 49, T + WINDOW_MS]);
  });

  it('lets backfill spend down to the reserve, interactive and webhook down to zero, then refuses until reset_at', async () => {
    const id = uniqueName('conn');
    let backfill = 0;
    while ((await budget.acquire(id, 'backfill', T)).ok) backfill++;
    expect(backfill).toBe(40);
    // Refused while the reserve holds units: come back when it is released, not at the window's end.
    expect(await budget.acquire(id, 'backfill', T)).toEqual({ ok: false, resetAt: T + WINDOW_MS - RESERVE_RELEASE_MS });
    let others = 0;
    while ((await budget.acquire(id, others % 2 === 0 ? 'interactive' : 'webhook', T)).ok) others++;
    expect(others).toBe(10);
    expect((await row(id)).remaining).toBe(0);
    expect(await budget.acquire(id, 'interactive', T + WINDOW_MS - 1)).toEqual({ ok: false, resetAt: T + WINDOW_MS });
    expect(await budget.acquire(id, 'backfill', T + WINDOW_MS)).toEqual({ ok: true, remaining: 49 });
    expect((await row(id)).reset_at.getTime()).toBe(T + 2 * WINDOW_MS);
  });

  it("releases the reserve to backfill in the window's last seconds, and keeps it again in the next window", async () => {
    const id = uniqueName('conn');
    const releaseAt = T + WINDOW_MS - RESERVE_RELEASE_MS;
    while ((await budget.acquire(id, 'backfill', T)).ok);
    expect(await budget.acquire(id, 'backfill', releaseAt - 1)).toEqual({ ok: false, resetAt: releaseAt });
    let released = 0;
    while ((await budget.acquire(id, 'backfill', releaseAt)).ok) released++;
    expect(released).toBe(10);
    expect(await budget.acquire(id, 'backfill', releaseAt)).toEqual({ ok: false, resetAt: T + WINDOW_MS });
    expect(await budget.acquire(id, 'interactive', releaseAt)).toEqual({ ok: false, resetAt: T + WINDOW_MS });
    let next = 0;
    while ((await budget.acquire(id, 'backfill', T + WINDOW_MS)).ok) next++;
    expect(next).toBe(40);
  });

  it('computes the backfill reserve exactly (limit 100, share 0.07 -> 7 kept, 93 spendable; float math would keep 8)', async () => {
    const id = uniqueName('conn');
    const small = new RateBudget(tdb.db, 0.07);
    await small.acquire(id, 'interactive', T);
    await tdb.db
      .updateTable('clio_rate_budgets')
      .set({ limit: 100, remaining: 100 })
      .where('connection_id', '=', id)
      .execute();
    let n = 0;
    while ((await small.acquire(id, 'backfill', T)).ok) n++;
    expect(n).toBe(93);
  });

  it('never overspends under concurrency from two pools: exactly `limit` of 80 racing acquires succeed', async () => {
    const id = uniqueName('conn');
    const other = createDb<ClioClientTables>({ url: tdb.url, max: 10 });
    try {
      const budget2 = new RateBudget(other, 0.2);
      const results = await Promise.all(
        Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? budget : budget2).acquire(id, 'interactive', T)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(50);
      expect((await row(id)).remaining).toBe(0);
    } finally {
      await other.destroy();
    }
  });

  it('re-syncs from headers: adopts the real window and limit, never raises remaining in the same window, ignores ended windows', async () => {
    const id = uniqueName('conn');
    await budget.acquire(id, 'interactive', T + 5_000);
    const realReset = T + WINDOW_MS;
    // The first response replaces the provisional 50/min with Clio's real limit and what is left of it: keeping
    // remaining at 49 would leave backfill below its reserve (ceil(300 * 0.2) = 60) for the rest of the window.
    await budget.observe(id, { limit: 300, remaining: 290, resetAt: realReset }, T + 5_000);
    expect(await row(id)).toMatchObject({ limit: 300, remaining: 290 });
    expect((await row(id)).reset_at.getTime()).toBe(realReset);
    await budget.observe(id, { limit: 300, remaining: 20, resetAt: realReset }, T + 6_000);
    expect((await row(id)).remaining).toBe(20);
    await budget.observe(id, { limit: 300, remaining: 45, resetAt: realReset }, T + 7_000);
    expect((await row(id)).remaining).toBe(20);
    await budget.observe(id, { limit: 300, remaining: 299, resetAt: T }, T + 8_000);
    expect((await row(id)).remaining).toBe(20);
    await budget.observe(id, { limit: 300, remaining: 250, resetAt: realReset + WINDOW_MS }, realReset + 1_000);
    expect((await row(id)).remaining).toBe(250);
    expect((await row(id)).reset_at.getTime()).toBe(realReset + WINDOW_MS);
  });

  it('opens the window up when a server sends no rate-limit headers at all (rate limiting off)', async () => {
    const id = uniqueName('conn');
    await budget.acquire(id, 'backfill', T);
    await budget.observe(id, {}, T + 10);
    expect(await row(id)).toMatchObject({ limit: UNMETERED_LIMIT, remaining: UNMETERED_LIMIT });
    for (let i = 0; i < 60; i++) expect((await budget.acquire(id, 'backfill', T + 20)).ok).toBe(true);
  });

  it('ignores an error response without rate-limit headers (a 401 says nothing about the window)', async () => {
    const id = uniqueName('conn');
    await budget.acquire(id, 'backfill', T);
    await budget.observe(id, {}, T + 10, 401);
    expect(await row(id)).toMatchObject({ limit: DEFAULT_LIMIT, remaining: DEFAULT_LIMIT - 1 });
  });

  it('exhaust empties the budget for everyone until Retry-After has passed', async () => {
    const id = uniqueName('conn');
    await budget.acquire(id, 'interactive', T);
    await budget.exhaust(id, T + 7_000, T);
    expect(await budget.acquire(id, 'interactive', T + 6_999)).toEqual({ ok: false, resetAt: T + 7_000 });
    expect((await budget.acquire(id, 'interactive', T + 7_000)).ok).toBe(true);
  });
});
