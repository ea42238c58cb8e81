import { readLoggedEvent } from '@sf/contracts';
import { SyncHarness } from './testing/sync-harness';

// The fetcher's clock runs two hours ahead of Clio's (the simulator answers on the system clock and stamps its
// records with it). `updated_since` is compared with Clio's timestamps, so a bookmark taken from the fetcher's
// clock would lie two hours in Clio's future and the next incremental sync would miss every change.
const SKEW_MS = 2 * 3_600_000;
const OVERLAP_MS = 300_000;

describe("clio-fetcher: incremental bookmarks follow Clio's clock, not the fetcher's", () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start();
    await h.startFetcher({ now: () => new Date(Date.now() + SKEW_MS), overlapMs: OVERLAP_MS });
  });
  afterAll(() => h.close());

  const bookmarks = async (jobId: string): Promise<number[]> =>
    (await h.t.db.selectFrom('sync_bookmarks').select('updated_since').where('job_id', '=', jobId).execute()).map((r) =>
      new Date(r.updated_since).getTime(),
    );

  const syncExactly = async (trigger: string): Promise<string> => {
    const jobId = await h.requestSync({ trigger });
    expect((await h.waitForJob(jobId)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);
    return jobId;
  };

  it("takes a full sync's bookmarks from Clio's Date at the job's start, minus the overlap", async () => {
    const before = Date.now();
    const full = await syncExactly('first_login');
    const started = (await h.jobEvents(full)).map(readLoggedEvent).find((e) => e.type === 'SyncJobStarted');
    if (started?.type !== 'SyncJobStarted') throw new Error('no SyncJobStarted');
    const clioStartedAt = Date.parse(started.data.clioStartedAt ?? 'missing');
    // Clio's clock (whole seconds), not the fetcher's two hours ahead.
    expect(clioStartedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(clioStartedAt).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(started.metadata.occurredAt)).toBeGreaterThan(Date.now() + SKEW_MS / 2);
    const marks = await bookmarks(full);
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set([clioStartedAt - OVERLAP_MS]));
  });

  it('stays exact over incremental syncs that never read the clock before starting', async () => {
    for (const steps of [30, 20]) {
      h.sim.edge.activity.step(steps);
      const before = Date.now();
      const incremental = await syncExactly('manual');
      const modes = (await h.jobEvents(incremental))
        .map(readLoggedEvent)
        .flatMap((e) => (e.type === 'SyncProgressed' ? [e.data.mode] : []));
      expect(new Set(modes)).toEqual(new Set(['incremental']));
      // The local start moved onto Clio's clock by the offset measured on the listing's pages.
      for (const mark of await bookmarks(incremental)) {
        expect(mark).toBeGreaterThanOrEqual(before - OVERLAP_MS - 2_000);
        expect(mark).toBeLessThanOrEqual(Date.now() - OVERLAP_MS);
      }
    }
  });
});
