import { CLIO_ENTITY_TYPES, clioIdOf, mirrorEntries, type ClioEntityType } from '@sf/clio-mirror';
import { visibleTruth, type VisibleRecord, type VisibleTruth } from '@sf/clio-simulator';
import { readLoggedEvent, streamIds, type RecordedEvent } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { evolveJob, jobIdOf, type JobView, type SyncLogEvent } from '@sf/sync-jobs';
import { calendarEntryAttendees } from './testing/detail-truth';
import { compareDetails, truthOf } from './testing/mirror-truth';
import { SyncHarness } from './testing/sync-harness';
import { JumpingClock, jumpBeforeCursor } from './testing/time-jump';

const TOKEN_TTL_SECONDS = 60;

/**
 * What the user may see of an entity type; notes (two entity types over one resource) are the visible notes of
 * the resource (a hidden contact's notes are hidden with it) split by type.
 */
const visibleOf = (h: SyncHarness, truth: VisibleTruth, e: ClioEntityType): VisibleRecord[] => {
  if (e in truth.records) return truth.records[e as keyof VisibleTruth['records']];
  const notes = new Set(truth.records.notes.map((r) => r.id));
  return [...truthOf(h.sim.store, e)]
    .filter(([id]) => notes.has(Number(id)))
    .map(([id, etag]) => ({ id: Number(id), etag, redacted: false }));
};

/** Differences between the mirror's live rows and what the simulator says this user may see ([] when equal). */
const compareVisible = async (h: SyncHarness, truth: VisibleTruth) => {
  const diffs: Array<{ entityType: ClioEntityType; missing: string[]; extra: string[]; redaction: string[] }> = [];
  for (const e of CLIO_ENTITY_TYPES) {
    const want = new Map(visibleOf(h, truth, e).map((r) => [String(r.id), r]));
    const live = (await mirrorEntries(h.t.db, e, h.firmId)).filter((r) => !r.isSoftDeleted);
    const have = new Map(live.map((r) => [r.id, r]));
    const missing = [...want.values()]
      .filter((w) => !have.has(String(w.id)) || (!w.redacted && have.get(String(w.id))!.etag !== w.etag))
      .map((w) => String(w.id));
    const extra = [...have.keys()].filter((id) => !want.has(id));
    const redaction = [...want.values()]
      .filter((w) => have.has(String(w.id)) && have.get(String(w.id))!.isRedacted !== w.redacted)
      .map((w) => String(w.id));
    if (missing.length + extra.length + redaction.length > 0)
      diffs.push({
        entityType: e,
        missing: missing.slice(0, 5),
        extra: extra.slice(0, 5),
        redaction: redaction.slice(0, 5),
      });
  }
  return diffs;
};

/**
 * Calendar attendees as this user sees them: contacts the user may not see are redacted attendees (id only).
 * Hidden contacts count too: nested in an entry they are redacted, never dropped.
 */
const compareAttendees = (h: SyncHarness, userId: number) => {
  const viewer = h.sim.edge.access.viewerFor(userId);
  return compareDetails(h.t.db, h.sim.store, h.firmId, [
    calendarEntryAttendees(h.sim.store, (id) => viewer?.contactView(id) ?? 'full'),
  ]);
};

/** The job as the orchestrator's `sync_jobs` read model folds it (scope and job streams). */
const jobView = async (h: SyncHarness, jobId: string): Promise<JobView | null> => {
  const scope = await readStream(h.t.db, streamIds.syncScope(h.firmId, { kind: 'firm' }));
  const job = await h.jobEvents(jobId);
  const ordered = [...scope, ...job].sort((a, b) => Number(BigInt(a.globalPosition) - BigInt(b.globalPosition)));
  // Only this job's events: the fold starts at the first SyncRequested it sees.
  const mine = ordered.map((e) => readLoggedEvent(e) as SyncLogEvent).filter((e) => jobIdOf(e) === jobId);
  return mine.reduce<JobView | null>(evolveJob, null);
};

const contactIdsFetched = (events: RecordedEvent[]): string[] =>
  events.flatMap((e) => {
    const r = readLoggedEvent(e);
    return r.type === 'ClioRecordsFetched' && r.data.entityType === 'contacts'
      ? r.data.records.map((x) => clioIdOf(x['id']) ?? '')
      : [];
  });

describe('acceptance: a medium firm as the real Clio serves it (Contacts Visibility, a forbidden type, expiring cursors)', () => {
  let h: SyncHarness;
  let userId: number;
  const clock = new JumpingClock();
  const jump = jumpBeforeCursor(clock, { path: '/api/v4/contacts.json', nth: 4, ms: (TOKEN_TTL_SECONDS + 5) * 1000 });

  beforeAll(async () => {
    h = await SyncHarness.start({ sim: { size: 'medium', clock, plugins: [jump.plugin] } });
    userId = h.sim.edge.issueToken().user_id;
    h.sim.edge.access.configure({
      pageTokenTtlSeconds: TOKEN_TTL_SECONDS,
      users: { [userId]: { forbidden: ['activities'], contactsVisibility: { hideEvery: 7, redactEvery: 5 } } },
    });
    await h.startFetcher();
  });
  afterAll(() => h.close());

  it('syncs exactly what this user may see, reports the forbidden type, and restarts only the listing whose cursor expired', async () => {
    const started = Date.now();
    const jobId = await h.requestSync({ trigger: 'first_login' });
    const terminal = await h.waitForJob(jobId, { kind: 'firm' }, 110_000);
    expect(terminal.type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(jobId);
    const truth = visibleTruth(h.sim.store, h.sim.edge.access, userId);
    expect(truth.forbidden).toEqual(['activities']);
    expect(truth.records.contacts.some((c) => c.redacted)).toBe(true);
    // Some contact notes belong to hidden contacts: the user sees fewer notes than the firm has.
    expect(truth.records.notes.length).toBeLessThan(h.sim.store.groundTruth().records.notes.length);
    expect(await compareVisible(h, truth)).toEqual([]);
    const attendees = calendarEntryAttendees(h.sim.store, (id) => h.sim.edge.access.viewerFor(userId)!.contactView(id));
    expect(attendees.rows.some((r) => r[1] === 'redacted') && attendees.rows.some((r) => r[1] === 'Contact')).toBe(
      true,
    );
    expect(await compareAttendees(h, userId)).toEqual([]);

    const events = await h.jobEvents(jobId);
    const read = events.map(readLoggedEvent);
    const forbidden = read.filter((e) => e.type === 'SyncEntityForbidden');
    expect(forbidden.map((e) => e.data)).toEqual([
      expect.objectContaining({ entityType: 'activities', detail: 'HTTP 403 ForbiddenError' }),
    ]);
    const restarts = read.filter((e) => e.type === 'SyncListingRestarted');
    expect(jump.jumped()).toBe(true);
    expect(restarts.map((e) => e.data)).toEqual([
      expect.objectContaining({ entityType: 'contacts', afterId: expect.stringMatching(/^\d+$/) }),
    ]);
    // Nothing stored twice, and no other listing went back to its start.
    const ids = contactIdsFetched(events);
    expect(new Set(ids).size).toBe(ids.length);
    expect(h.pages.repeats().filter((r) => !r.request.startsWith('/api/v4/contacts.json?'))).toEqual([]);

    const view = await jobView(h, jobId);
    expect(view?.state).toBe('completed');
    expect(view?.progress['activities']?.forbidden).toMatch(/^Clio does not let this connection read activities/);
    console.log(
      `fidelity (medium): ${events.length} job events, ${h.apiCalls()} API calls, ${Date.now() - started} ms`,
    );
  }, 120_000);

  it('an incremental sync without meta.records detects deletions by listing ids, and still equals what the user may see', async () => {
    h.sim.edge.access.configure({ metaRecords: false });
    const ops = h.sim.edge.activity.step(60);
    expect(ops.some((o) => o.kind === 'delete')).toBe(true);
    const jobId = await h.requestSync({ trigger: 'manual' });
    expect((await h.waitForJob(jobId, { kind: 'firm' }, 110_000)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(jobId);
    expect(await compareVisible(h, visibleTruth(h.sim.store, h.sim.edge.access, userId))).toEqual([]);
    expect(await compareAttendees(h, userId)).toEqual([]);
    const started = readLoggedEvent((await h.jobEvents(jobId))[0]!);
    expect(started.type === 'SyncJobStarted' && started.data.estimatedTotal).toBeNull();
  }, 120_000);

  it('a full listing without meta.records records why its estimate is unknown in SyncJobStarted', async () => {
    h.sim.edge.access.configure({ metaRecords: false });
    const jobId = await h.requestSync({ entityTypes: ['contacts'], options: { fullListing: true } });
    expect((await h.waitForJob(jobId, { kind: 'firm' }, 110_000)).type).toBe('SyncJobCompleted');
    const started = readLoggedEvent((await h.jobEvents(jobId))[0]!);
    expect(started.type === 'SyncJobStarted' && started.data).toMatchObject({
      estimatedTotal: null,
      unknownEstimates: [{ entityType: 'contacts', reason: 'Clio sent no meta.records' }],
    });
    expect((await jobView(h, jobId))?.progress['contacts']?.unknownTotal).toBe('Clio sent no meta.records');
  }, 120_000);
});
