import { clioMirrorProjection, mirrorEntries, type ClioEntityType, type ClioMirrorTables } from '@sf/clio-mirror';
import { readLoggedEvent, type RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { isCaughtUp, resetProjection, runProjectionBatch, widenProjection, type Projection } from '@sf/projections';
import { jobViewOf, projectionByName, type SyncReadModelTables } from '@sf/sync-read-models';
import { waitFor } from '@sf/testing';
import { SyncHarness } from './testing/sync-harness';

// A phased initial sync against the simulator: phases in order, each phase's mirror exact when its
// SyncPhaseCompleted is projected, and documents and activities of the recent window before the rest.

/** The read models the test replays: the mirror and the job view. */
type Replayed = ClioMirrorTables & SyncReadModelTables;

const phaseEvents = (events: readonly RecordedEvent[]) =>
  events.flatMap((e) => {
    const r = readLoggedEvent(e);
    return r.type === 'SyncPhaseCompleted' ? [{ ...r.data, at: LogPosition.of(e) }] : [];
  });

describe('clio-fetcher: phased initial sync, recent-first (real Postgres, NATS, simulator)', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start();
    await h.startFetcher();
  });
  afterAll(() => h.close());

  /** Ids of live Clio records of `e` created at or after `since` (the simulator's `created_since` is inclusive). */
  const createdSince = (e: 'documents' | 'activities', since: number): string[] =>
    h.sim.store
      .groundTruth()
      .records[e].filter((r) => (h.sim.store.get(e, r.id)?.created_at ?? 0) >= since)
      .map((r) => String(r.id));

  const mirrorIds = async (e: ClioEntityType): Promise<string[]> =>
    (await mirrorEntries(h.t.db, e, h.firmId)).filter((r) => !r.isSoftDeleted).map((r) => r.id);

  it('completes core, supporting, the recent window of historical, then historical, each exact when announced', async () => {
    // The window starts at the median creation time of documents, so both halves are non-empty.
    const created = h.sim.store
      .groundTruth()
      .records.documents.map((r) => h.sim.store.get('documents', r.id)!.created_at)
      .sort((a, b) => a - b);
    const since = created[Math.floor(created.length / 2)]!;
    const recentSince = new Date(since).toISOString();
    const jobId = await h.requestSync({ trigger: 'first_login', options: { phased: true, recentSince } });
    expect((await h.waitForJob(jobId)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);
    // What recent-first costs: the window's pages are requested on top of the complete listings.
    const windowPages = h.pages.entries().filter((p) => p.query.includes('created_since') && p.status === 200);
    console.log(
      `phased recent-first sync: ${h.apiCalls()} API calls, ${windowPages.length} of them recent-window pages`,
    );
    expect(windowPages.length).toBeGreaterThan(0);

    const events = await h.jobEvents(jobId);
    const started = readLoggedEvent(events[0]!);
    expect(started.type === 'SyncJobStarted' && started.data).toMatchObject({
      phases: [
        { phase: 'core', entityTypes: ['users', 'custom_fields', 'matters', 'contacts', 'relationships'] },
        { phase: 'supporting', entityTypes: ['matter_notes', 'contact_notes', 'calendar_entries', 'tasks'] },
        { phase: 'historical', entityTypes: ['folders', 'documents', 'activities'] },
      ],
      recentSince,
      // Each window counted before fetching, so the ETA counts its pages on top of the complete listing's.
      recentEstimates: {
        documents: createdSince('documents', since).length,
        activities: createdSince('activities', since).length,
      },
    });
    const phases = phaseEvents(events);
    expect(phases.map((p) => [p.phase, p.window ?? null, p.features])).toEqual([
      ['core', null, ['matters', 'contacts']],
      ['supporting', null, ['calendar', 'tasks']],
      ['historical', 'recent', ['recent_documents', 'recent_billing']],
      ['historical', null, ['documents', 'billing']],
    ]);

    const syncJobs = projectionByName('sync_jobs')!;
    // Replay the mirror from the log one event at a time and look at it exactly when each phase is announced.
    await h.projections.stop();
    await h.t.db.transaction().execute((trx) => resetProjection(trx, clioMirrorProjection));
    await h.t.db.transaction().execute((trx) => resetProjection(trx, syncJobs));
    // The job view (sync_jobs, as GET /sync-jobs/{id} shows it) is replayed beside it.
    const replay = async (p: Projection<Replayed>, at: LogPosition): Promise<void> => {
      while (!(await isCaughtUp(h.t.db, p, at))) {
        const r = await runProjectionBatch(h.t.db, p, 1);
        if (r.kind !== 'applied') throw new Error(`${p.name} replay stopped before ${LogPosition.format(at)}`);
      }
    };
    const replayTo = async (at: LogPosition): Promise<void> => {
      await replay(widenProjection<ClioMirrorTables, Replayed>(clioMirrorProjection), at);
      await replay(widenProjection<SyncReadModelTables, Replayed>(syncJobs), at);
    };
    const view = async () =>
      jobViewOf(await h.t.db.selectFrom('sync_jobs').selectAll().where('job_id', '=', jobId).executeTakeFirstOrThrow());
    const phaseStates = async () => (await view()).phases?.map((p) => `${p.phase}:${p.state}`);

    await replayTo(phases[0]!.at);
    expect(await h.compareMirror(['users', 'custom_fields', 'matters', 'contacts', 'relationships'])).toEqual([]);
    expect(await mirrorIds('calendar_entries')).toEqual([]);
    expect((await view()).availableFeatures).toEqual(['matters', 'contacts']);
    expect(await phaseStates()).toEqual(['core:completed', 'supporting:pending', 'historical:pending']);

    await replayTo(phases[1]!.at);
    expect(await h.compareMirror(['matter_notes', 'contact_notes', 'calendar_entries', 'tasks'])).toEqual([]);
    expect(await mirrorIds('documents')).toEqual([]);

    // Newest window first: exactly the records created since the window start, nothing older yet.
    await replayTo(phases[2]!.at);
    for (const e of ['documents', 'activities'] as const) {
      const recent = createdSince(e, since);
      expect(recent.length).toBeGreaterThan(0);
      expect(recent.length).toBeLessThan(h.sim.store.groundTruth().records[e].length);
      expect(new Set(await mirrorIds(e))).toEqual(new Set(recent));
      // The job view keeps the window's progress apart from the complete listing's (which has not begun).
      expect((await view()).progress[e]).toMatchObject({
        fetched: 0,
        recent: { fetched: recent.length, total: recent.length, done: true },
      });
    }
    expect(await mirrorIds('folders')).toEqual([]);
    expect((await view()).availableFeatures).toEqual([
      'matters',
      'contacts',
      'calendar',
      'tasks',
      'recent_documents',
      'recent_billing',
    ]);
    expect(await phaseStates()).toEqual(['core:completed', 'supporting:completed', 'historical:recent_completed']);

    await replayTo(phases[3]!.at);
    expect(await h.compareMirror()).toEqual([]);
    expect(await phaseStates()).toEqual(['core:completed', 'supporting:completed', 'historical:completed']);
    expect((await view()).availableFeatures).toHaveLength(8);
  });

  it('resumes a phased job handed over between phases without repeating or skipping a phase', async () => {
    const r = await SyncHarness.start();
    try {
      await r.startFetcher();
      const jobId = await r.requestSync({
        trigger: 'first_login',
        options: { phased: true, recentSince: '2000-01-01T00:00:00.000Z' },
      });
      await waitFor(
        () => r.jobEvents(jobId),
        (es) => es.some((e) => e.type === 'SyncPhaseCompleted'),
        { timeoutMs: 30_000, description: 'the core phase' },
      );
      await r.fetchers[0]!.close();
      await r.startFetcher();
      expect((await r.waitForJob(jobId)).type).toBe('SyncJobCompleted');
      const events = await r.jobEvents(jobId);
      expect(events.some((e) => e.type === 'SyncJobResumed')).toBe(true);
      expect(phaseEvents(events).map((p) => `${p.phase}${p.window ? `:${p.window}` : ''}`)).toEqual([
        'core',
        'supporting',
        'historical:recent',
        'historical',
      ]);
      expect(r.pages.repeats()).toEqual([]);
      await r.mirrorCaughtUp(jobId);
      expect(await r.compareMirror()).toEqual([]);
    } finally {
      await r.close();
    }
  });
});
