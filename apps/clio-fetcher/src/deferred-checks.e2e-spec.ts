import { CLIO_ENTITY_TYPES, clioMirrorProjection } from '@sf/clio-mirror';
import { readLoggedEvent } from '@sf/contracts';
import { catchUp, lockProjection } from '@sf/projections';
import { waitFor } from '@sf/testing';
import { DEFAULT_SWEEP } from './fetcher-config';
import { MIRROR_BEHIND } from './job/mark-and-sweep';
import type { Fetcher } from './start-fetcher';
import { SyncHarness, type HarnessDb } from './testing/sync-harness';

// The deletion checks wait for the mirror; the listings do not (real Postgres, NATS, simulator).
describe('clio-fetcher: deletion checks deferred until the mirror holds the listing', () => {
  let h: SyncHarness;
  let fetcher: Fetcher;
  beforeAll(async () => {
    h = await SyncHarness.start();
    // No projection runner: the mirror moves only when the fetcher brings it up for a check, so a listing that
    // waited for the mirror would show as a check between two listings.
    await h.projections.stop();
    fetcher = await h.startFetcher();
  });
  afterAll(() => h.close());

  it('lists every entity type without waiting, then checks each in listing order, and the mirror is exact', async () => {
    const jobId = await h.requestSync({ trigger: 'manual' });
    expect((await h.waitForJob(jobId, { kind: 'firm' }, 110_000)).type).toBe('SyncJobCompleted');
    const events = (await h.jobEvents(jobId)).map(readLoggedEvent);
    const at = events.map((e, i) => ({ e, i }));
    const pages = at.filter(({ e }) => e.type === 'ClioRecordsFetched').map(({ i }) => i);
    const sweeps = at.flatMap(({ e, i }) => (e.type === 'RecordsSwept' ? [{ type: e.data.entityType, i }] : []));
    expect(sweeps.map((s) => s.type)).toEqual([...CLIO_ENTITY_TYPES]);
    // Every page of every listing was appended before the first check.
    expect(Math.max(...pages)).toBeLessThan(sweeps[0]!.i);
    await catchUp(h.t.db, clioMirrorProjection, { timeoutMs: 60_000 });
    expect(await h.compareMirror()).toEqual([]);
  }, 240_000);

  it('blocks the job with a reason users see while the mirror cannot catch up, then checks and completes', async () => {
    await fetcher.close();
    fetcher = await h.startFetcher({ sweep: { ...DEFAULT_SWEEP, catchUpTimeoutMs: 1_000, catchUpRetryMs: 500 } });
    // Another runner holds the mirror projection: the fetcher's catch-up before a deletion check cannot move it.
    const hold = await h.t.db.startTransaction().execute();
    let jobId: string | undefined;
    try {
      await lockProjection<HarnessDb>(hold, clioMirrorProjection.name);
      const id = (jobId = await h.requestSync({ trigger: 'manual' }));
      await waitFor(
        async () => (await h.jobEvents(id)).map(readLoggedEvent),
        (es) => es.some((e) => e.type === 'SyncJobBlocked' && e.data.reason === MIRROR_BEHIND),
        { timeoutMs: 90_000, description: 'the job blocked until the mirror catches up' },
      );
    } finally {
      await hold.rollback().execute();
    }
    // Before, the job completed at once without the check; now it completes once the check could run.
    expect((await h.waitForJob(jobId!, { kind: 'firm' }, 110_000)).type).toBe('SyncJobCompleted');
    await catchUp(h.t.db, clioMirrorProjection, { timeoutMs: 60_000 });
    expect(await h.compareMirror()).toEqual([]);
  }, 240_000);
});
