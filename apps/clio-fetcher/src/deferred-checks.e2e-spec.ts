import { CLIO_ENTITY_TYPES, clioMirrorProjection } from '@sf/clio-mirror';
import { readLoggedEvent } from '@sf/contracts';
import { catchUp } from '@sf/projections';
import { SyncHarness } from './testing/sync-harness';

// The deletion checks wait for the mirror; the listings do not (real Postgres, NATS, simulator).
describe('clio-fetcher: deletion checks deferred until the mirror holds the listing', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start();
    // No projection runner: the mirror moves only when the fetcher brings it up for a check, so a listing that
    // waited for the mirror would show as a check between two listings.
    await h.projections.stop();
    await h.startFetcher();
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
});
