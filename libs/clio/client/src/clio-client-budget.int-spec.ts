import { createDb } from '@sf/db';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import type { Kysely } from 'kysely';
import { readRateBudget } from './budget/read-rate-budget';
import { RESERVE_RELEASE_MS } from './budget/rate-budget';
import { createClioClient } from './create-clio-client';
import { requestsPerWindow, simTokenProvider, startSimHarness, T0, type SimHarness } from './testing/sim-harness';
import type { ClioClientOptions, PageOutcome } from './types';
import type { ClioClientTables } from './schema/clio-rate-budget.tables';

const COUNTS = {
  users: 2,
  contacts: 5,
  matters: 300,
  calendar_entries: 1,
  tasks: 1,
  documents: 0,
  activities: 1,
  folders_per_matter: 0,
};

describe('Clio client: one shared rate budget per connection (simulator limit 50 per 60 s)', () => {
  let h: SimHarness;
  let tdb: TestDatabase<ClioClientTables>;
  let secondPool: Kysely<ClioClientTables>;

  beforeAll(async () => {
    [h, tdb] = await Promise.all([
      startSimHarness({ seed: 4, counts: COUNTS }),
      createTestDatabase<ClioClientTables>(),
    ]);
    secondPool = createDb<ClioClientTables>({ url: tdb.url, max: 4 });
  });
  afterAll(async () => {
    await secondPool?.destroy();
    await h?.close();
    await tdb?.drop();
  });
  beforeEach(async () => {
    await h.sim.edge.reset();
    h.clock.set(T0);
    h.sleeps.length = 0;
  });

  const drain = async (it: AsyncIterable<PageOutcome>) => {
    const out: PageOutcome[] = [];
    for await (const o of it) out.push(o);
    return out;
  };

  it('two processes (two pools, same connection) stay within 50 requests per window and get no 429', async () => {
    const connectionId = uniqueName('conn');
    const tokens = simTokenProvider(h, connectionId);
    // This test is about sharing one budget; the cap on planned waits (maxWaitMs) has its own test below, so it is
    // lifted here: with two clients on one fake clock, one may plan a second full-window wait.
    const base: Omit<ClioClientOptions, 'db'> = {
      firmId: 'firm-1',
      tokens: tokens.provider,
      now: h.now,
      sleep: h.sleep,
      maxWaitMs: 600_000,
    };
    const a = createClioClient({ ...base, db: tdb.db });
    const b = createClioClient({ ...base, db: secondPool });
    const req = { resource: 'matters' as const, fields: ['id'], limit: 10 };
    const [ra, rb] = await Promise.all([drain(a.pages(req, 'interactive')), drain(b.pages(req, 'interactive'))]);
    expect([...ra, ...rb].filter((r) => !r.ok)).toEqual([]);
    expect(ra).toHaveLength(30);
    expect(rb).toHaveLength(30);
    const counter = await h.control.requestCount(tokens.issued[0]);
    expect(counter?.requests).toBe(60);
    expect(counter?.byStatus[429]).toBeUndefined();
    expect(a.stats().r429 + b.stats().r429).toBe(0);
    const windows = [...requestsPerWindow(h.sim).values()];
    expect(windows.length).toBeGreaterThanOrEqual(2);
    for (const n of windows) expect(n).toBeLessThanOrEqual(50);
    expect(h.sleeps.length).toBeGreaterThan(0);
  });

  it('backfill stops at the reserve (rate_limited with retryAt its release) while interactive still goes; the window reset lets backfill resume', async () => {
    const connectionId = uniqueName('conn');
    const tokens = simTokenProvider(h, connectionId);
    const common = { db: tdb.db, firmId: 'firm-1', tokens: tokens.provider, now: h.now, sleep: h.sleep, maxWaitMs: 0 };
    const backfill = createClioClient(common);
    const interactive = createClioClient({ ...common, db: secondPool });
    const req = { resource: 'matters' as const, fields: ['id'], limit: 5 };

    const out = await drain(backfill.pages(req, 'backfill'));
    const last = out[out.length - 1];
    expect(out.filter((o) => o.ok)).toHaveLength(40);
    // Retry when the reserve is released, in the window's last seconds.
    expect(last).toMatchObject({ ok: false, kind: 'rate_limited', retryAt: T0 + 60_000 - RESERVE_RELEASE_MS });
    expect(backfill.stats().apiCalls).toBe(40);

    const now = await interactive.fetchPage(req, 'interactive');
    expect(now.ok).toBe(true);
    expect(await readRateBudget(tdb.db, connectionId)).toEqual({ limit: 50, remaining: 9, resetAt: T0 + 60_000 });

    const previous = out[out.length - 2];
    if (!previous.ok || !previous.page.nextUrl) throw new Error('expected a page with a next link before the stop');
    h.clock.set(T0 + 60_000);
    const resumed = await drain(backfill.pages(req, 'backfill', { fromCursor: previous.page.nextUrl }));
    expect(resumed.filter((o) => o.ok)).toHaveLength(20);
    expect(resumed.every((o) => o.ok)).toBe(true);
    expect((await h.control.requestCount(tokens.issued[0]))?.byStatus[429]).toBeUndefined();
  });

  it('waits on the clock for the reset when the wait is under the threshold, instead of failing or meeting a 429', async () => {
    const tokens = simTokenProvider(h, uniqueName('conn'));
    const c = createClioClient({
      db: tdb.db,
      firmId: 'firm-1',
      tokens: tokens.provider,
      now: h.now,
      sleep: h.sleep,
      maxWaitMs: 90_000,
    });
    const out = await drain(c.pages({ resource: 'matters', fields: ['id'], limit: 5 }, 'interactive'));
    expect(out).toHaveLength(60);
    expect(out.every((o) => o.ok)).toBe(true);
    expect(h.sleeps).toEqual([60_000]);
    expect(c.stats()).toEqual({ apiCalls: 60, r429: 0, retries: 0, refreshes: 0 });
    expect([...requestsPerWindow(h.sim).entries()]).toEqual([
      [T0, 50],
      [T0 + 60_000, 10],
    ]);
  });
});
