import { sql } from 'kysely';
import { SyncHarness } from './testing/sync-harness';

// A worker is on a connection only for a statement or its page's append, never while it waits on Clio, and nothing
// holds one connection while it waits for another (the writer slots aside, which the floor covers): so a fetcher
// whose pool is at its floor still runs every worker's job to the end, only slower.
describe('clio-fetcher: a pool at its floor (real Postgres, NATS, simulator)', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start({ sim: { size: 'small' } });
  });
  afterAll(() => h.close());

  it('syncs a firm with four workers on two connections, never opening a third', async () => {
    await h.startFetcher({ workers: 4, writerSlots: 1, dbPoolMax: 2 });
    const db = new URL(h.t.url).pathname.slice(1);
    let peak = 0;
    const sample = setInterval(() => {
      void sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity where datname = ${db} and application_name = 'clio-fetcher'`
        .execute(h.t.db)
        .then(
          (r) => (peak = Math.max(peak, r.rows[0]?.n ?? 0)),
          () => undefined,
        );
    }, 20);
    try {
      const jobId = await h.requestSync({ trigger: 'first_login' });
      expect((await h.waitForJob(jobId, { kind: 'firm' }, 120_000)).type).toBe('SyncJobCompleted');
      await h.mirrorCaughtUp(jobId);
      expect(await h.compareMirror()).toEqual([]);
    } finally {
      clearInterval(sample);
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2);
  }, 180_000);
});
