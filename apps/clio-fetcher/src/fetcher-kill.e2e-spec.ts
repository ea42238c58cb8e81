import { waitFor } from '@sf/testing';
import { spawnFetcher, type ChildFetcher } from './testing/child-fetcher';
import { SyncHarness } from './testing/sync-harness';

const KILLS = 2;

describe('clio-fetcher: SIGKILLed mid-sync (child processes)', () => {
  let h: SyncHarness;
  const children: ChildFetcher[] = [];
  beforeAll(async () => {
    h = await SyncHarness.start();
    // Real latency per request, so the sync lasts long enough to be killed in the middle, twice.
    const slow = h.sim.edge.faults.add({ kind: 'slow', delayMs: 40 }, h.sim.clock.now());
    if (!slow.ok) throw new Error(slow.message);
  });
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) await c.kill();
    await h.close();
  });

  const pageCursors = async (jobId: string): Promise<number> =>
    (await h.jobEvents(jobId)).filter((e) => e.type === 'SyncProgressed').length;

  it('resumes from the last page cursor after each kill, converges exactly, and refetches only the pages in flight', async () => {
    const jobId = await h.requestSync({ trigger: 'first_login' });
    for (let k = 0; k < KILLS; k++) {
      const f = spawnFetcher(h.env({ LOG_LEVEL: 'info' }));
      children.push(f);
      await f.started;
      const before = await pageCursors(jobId);
      await waitFor(
        () => pageCursors(jobId),
        (n) => n >= before + 8,
        { timeoutMs: 30_000, description: 'eight more pages' },
      );
      await f.kill();
    }
    const killedAt = await pageCursors(jobId);
    const last = spawnFetcher(h.env({ LOG_LEVEL: 'info' }));
    children.push(last);
    const terminal = await h.waitForJob(jobId, { kind: 'firm' }, 90_000);
    expect(terminal.type).toBe('SyncJobCompleted');
    expect(await last.stop()).toBe(0);

    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);
    const events = await h.jobEvents(jobId);
    expect(events.filter((e) => e.type === 'SyncJobStarted')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'SyncJobResumed')).toHaveLength(KILLS);
    expect(killedAt).toBeGreaterThanOrEqual(16);
    // No page was appended twice: every page cursor (next-page URL) occurs once.
    const cursors = events
      .filter((e) => e.type === 'SyncProgressed')
      .map((e) => e.data as { entityType: string; cursor: string | null })
      .filter((d) => d.cursor !== null)
      .map((d) => `${d.entityType} ${d.cursor}`);
    expect(new Set(cursors).size).toBe(cursors.length);
    // And no page was fetched twice from Clio, except those in flight at each kill: the page being appended and the
    // next one, asked for meanwhile (job/next-page.ts).
    const refetched = h.pages.repeats().reduce((n, r) => n + r.times - 1, 0);
    console.log(
      `killed ${KILLS} times after ${killedAt} page cursors; ${h.apiCalls()} API calls, ${refetched} page(s) fetched twice`,
    );
    expect(refetched).toBeLessThanOrEqual(2 * KILLS);
  });
});
