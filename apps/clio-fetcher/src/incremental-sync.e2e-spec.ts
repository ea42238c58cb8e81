import { CLIO_ENTITY_TYPES, clioMirrorProjection } from '@sf/clio-mirror';
import { rebuildProjection } from '@sf/projections';
import { SyncHarness } from './testing/sync-harness';

const TYPES = CLIO_ENTITY_TYPES.length;

describe('clio-fetcher: incremental sync after changes in Clio', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start();
    await h.startFetcher();
  });
  afterAll(() => h.close());

  it('after 50 creates, updates and deletes, syncs exactly (detail tables included) with API calls proportional to the changes, and rebuilds to the same', async () => {
    const full = await h.requestSync({ trigger: 'first_login' });
    expect((await h.waitForJob(full)).type).toBe('SyncJobCompleted');
    const fullCalls = h.apiCalls();
    const records = h.clioRecords();
    console.log(
      `full sync: ${records} records, ${fullCalls} API calls: ${((fullCalls / records) * 100).toFixed(2)} calls per 100 records`,
    );
    expect(fullCalls / records).toBeLessThan(0.01);

    const ops = h.sim.edge.activity.step(50);
    expect(ops).toHaveLength(50);
    const deletes = ops.filter((o) => o.kind === 'delete').length;
    h.pages.clear();

    const incremental = await h.requestSync({ trigger: 'manual' });
    expect((await h.waitForJob(incremental)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(incremental);
    expect(await h.compareMirror()).toEqual([]);

    const events = await h.jobEvents(incremental);
    const modes = events.filter((e) => e.type === 'SyncProgressed').map((e) => (e.data as { mode: string }).mode);
    expect(new Set(modes)).toEqual(new Set(['incremental']));
    // Per entity type: one listing page (50 changes fit) and one count; per deleted record: a bisection of
    // ~log2(records / 100) counts and one confirmation. Nowhere near relisting the firm.
    const calls = h.apiCalls();
    const bound = TYPES * 2 + deletes * 9;
    console.log(
      `incremental: ${ops.length} changes (${deletes} deletes), ${calls} API calls (bound ${bound}); full sync took ${fullCalls}`,
    );
    expect(calls).toBeLessThanOrEqual(bound);
    expect(calls).toBeLessThan(fullCalls);

    await rebuildProjection(h.t.db, clioMirrorProjection);
    expect(await h.compareMirror()).toEqual([]);
    expect(h.apiCalls()).toBe(calls);
  });

  it('re-syncs an unchanged firm with one listing page and one count per entity type', async () => {
    h.pages.clear();
    const again = await h.requestSync({ trigger: 'schedule' });
    expect((await h.waitForJob(again)).type).toBe('SyncJobCompleted');
    expect(h.apiCalls()).toBe(TYPES * 2);
    await h.mirrorCaughtUp(again);
    expect(await h.compareMirror()).toEqual([]);
  });
});
