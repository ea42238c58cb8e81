import { ManualClock } from '@sf/clio-simulator';
import { readLoggedEvent } from '@sf/contracts';
import { SyncHarness } from './testing/sync-harness';

// `updated_since` is compared with Clio's timestamps, so bookmarks must come from Clio's clock (its `Date` header),
// never the fetcher's. Two skews: Clio's clock three hours behind the fetcher's (the simulator's control clock moved
// back), and the fetcher's two hours ahead of a simulator on the system clock. A bookmark taken from the fetcher's
// clock would lie hours in Clio's future and the next incremental sync would miss every change.
const OVERLAP_MS = 300_000;

const bookmarks = async (h: SyncHarness, jobId: string): Promise<number[]> =>
  (await h.t.db.selectFrom('sync_bookmarks').select('updated_since').where('job_id', '=', jobId).execute()).map((r) =>
    new Date(r.updated_since).getTime(),
  );

const syncExactly = async (h: SyncHarness, trigger: string): Promise<string> => {
  const jobId = await h.requestSync({ trigger });
  expect((await h.waitForJob(jobId)).type).toBe('SyncJobCompleted');
  await h.mirrorCaughtUp(jobId);
  expect(await h.compareMirror()).toEqual([]);
  return jobId;
};

const startedEvent = async (h: SyncHarness, jobId: string) => {
  const started = (await h.jobEvents(jobId)).map(readLoggedEvent).find((e) => e.type === 'SyncJobStarted');
  if (started?.type !== 'SyncJobStarted') throw new Error('no SyncJobStarted');
  return started;
};

const incrementalModes = async (h: SyncHarness, jobId: string): Promise<Set<string | undefined>> =>
  new Set(
    (await h.jobEvents(jobId)).map(readLoggedEvent).flatMap((e) => (e.type === 'SyncProgressed' ? [e.data.mode] : [])),
  );

// Each case runs whole syncs of a firm; on a CI machine busy with the whole suite one took over the default minute.
jest.setTimeout(180_000);

describe("clio-fetcher: bookmarks follow Clio's clock when the simulator's clock is behind the fetcher's", () => {
  const SKEW_MS = 3 * 3_600_000;
  // Clio's clock, moved only by the test: three hours behind the fetcher's (the real clock).
  const clio = new ManualClock(Math.floor((Date.now() - SKEW_MS) / 1000) * 1000);
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start({ sim: { clock: clio } });
    await h.startFetcher({ overlapMs: OVERLAP_MS });
  });
  afterAll(() => h.close());

  it("takes a full sync's bookmarks from Clio's Date at the job's start, minus the overlap", async () => {
    const full = await syncExactly(h, 'first_login');
    const started = await startedEvent(h, full);
    // Clio's clock stood still during the sync: its Date is exactly that instant, not the fetcher's three hours on.
    expect(started.data.clioStartedAt).toBe(new Date(clio.now()).toISOString());
    expect(Date.parse(started.metadata.occurredAt)).toBeGreaterThan(clio.now() + SKEW_MS / 2);
    const marks = await bookmarks(h, full);
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set([clio.now() - OVERLAP_MS]));
  });

  it('stays exact over incremental syncs as Clio time moves on', async () => {
    for (const steps of [30, 20]) {
      clio.advance(600_000);
      h.sim.edge.activity.step(steps);
      const incremental = await syncExactly(h, 'manual');
      expect(await incrementalModes(h, incremental)).toEqual(new Set(['incremental']));
      // The fetcher's local start, moved onto Clio's clock by the offset measured on the listing's pages: at most
      // the sync's duration before Clio's (frozen) now, never anywhere near the fetcher's clock.
      for (const mark of await bookmarks(h, incremental)) {
        expect(mark).toBeGreaterThanOrEqual(clio.now() - OVERLAP_MS - 60_000);
        expect(mark).toBeLessThanOrEqual(clio.now() - OVERLAP_MS + 1_000);
      }
    }
  });
});

describe("clio-fetcher: bookmarks follow Clio's clock when the fetcher's clock is ahead", () => {
  const SKEW_MS = 2 * 3_600_000;
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start();
    await h.startFetcher({ now: () => new Date(Date.now() + SKEW_MS), overlapMs: OVERLAP_MS });
  });
  afterAll(() => h.close());

  it("takes a full sync's bookmarks from Clio's Date at the job's start, minus the overlap", async () => {
    const before = Date.now();
    const full = await syncExactly(h, 'first_login');
    const started = await startedEvent(h, full);
    const clioStartedAt = Date.parse(started.data.clioStartedAt ?? 'missing');
    // Clio's clock (whole seconds), not the fetcher's two hours ahead.
    expect(clioStartedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(clioStartedAt).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(started.metadata.occurredAt)).toBeGreaterThan(Date.now() + SKEW_MS / 2);
    const marks = await bookmarks(h, full);
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set([clioStartedAt - OVERLAP_MS]));
  });

  it('stays exact over incremental syncs that never read the clock before starting', async () => {
    for (const steps of [30, 20]) {
      h.sim.edge.activity.step(steps);
      const before = Date.now();
      const incremental = await syncExactly(h, 'manual');
      expect(await incrementalModes(h, incremental)).toEqual(new Set(['incremental']));
      for (const mark of await bookmarks(h, incremental)) {
        expect(mark).toBeGreaterThanOrEqual(before - OVERLAP_MS - 2_000);
        expect(mark).toBeLessThanOrEqual(Date.now() - OVERLAP_MS);
      }
    }
  });
});
