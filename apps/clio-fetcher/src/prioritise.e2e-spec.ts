import { randomUUID } from 'node:crypto';
import { newEvent, streamIds } from '@sf/contracts';
import { appendToStream, readStream } from '@sf/event-store';
import { waitFor } from '@sf/testing';
import { SyncHarness } from './testing/sync-harness';

type Progress = { entityType: string; cursor?: string | null; window?: string };

describe('clio-fetcher: a prioritised entity type is listed next, from the next page boundary (e2e, simulator)', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start({ sim: { counts: { contacts: 1_500, activities: 600 } } });
    const slow = h.sim.edge.faults.add({ kind: 'slow', delayMs: 25 }, h.sim.clock.now());
    if (!slow.ok) throw new Error(slow.message);
    await h.startFetcher({ pageSize: 100 });
  });
  afterAll(() => h.close());

  /** Appends as the orchestrator's decidePrioritise does: at the job stream's version, retried on conflict. */
  const prioritise = async (jobId: string, entityType: string): Promise<void> => {
    const stream = streamIds.syncJob(jobId);
    for (;;) {
      const e = newEvent({
        eventId: randomUUID(),
        type: 'SyncEntityTypePrioritised',
        data: { jobId, entityType, requestedBy: 'user-1' },
        metadata: {
          firmId: h.firmId,
          correlationId: randomUUID(),
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
      });
      if (!e.ok) throw new Error(e.reason);
      const version = (await readStream(h.t.db, stream)).length;
      if ((await appendToStream(h.t.db, stream, 'sync_job', version, [e.value])).ok) return;
    }
  };

  it('stops listing contacts at a page boundary, lists activities to the end, then resumes contacts from its cursor', async () => {
    const jobId = await h.requestSync({ trigger: 'maintenance' });
    const contactPages = await waitFor(
      async () =>
        (await h.jobEvents(jobId)).filter(
          (e) => e.type === 'SyncProgressed' && (e.data as Progress).entityType === 'contacts',
        ).length,
      (n) => n >= 3,
      { timeoutMs: 30_000, description: 'contacts being listed' },
    );
    expect(contactPages).toBeLessThan(30);
    await prioritise(jobId, 'activities');
    expect((await h.waitForJob(jobId, { kind: 'firm' }, 90_000)).type).toBe('SyncJobCompleted');

    const events = await h.jobEvents(jobId);
    const at = events.findIndex((e) => e.type === 'SyncEntityTypePrioritised');
    const after = events
      .slice(at + 1)
      .filter((e) => e.type === 'SyncProgressed')
      .map((e) => e.data as Progress);
    // The page in flight when the priority landed was refused (its append conflicted): activities come next.
    expect(after[0]?.entityType).toBe('activities');
    const activitiesDone = after.findIndex((d) => d.entityType === 'activities' && d.cursor === null);
    const contactsDone = after.findIndex((d) => d.entityType === 'contacts' && d.cursor === null);
    expect(activitiesDone).toBeGreaterThan(0);
    expect(contactsDone).toBeGreaterThan(activitiesDone);
    expect(after.slice(0, activitiesDone).every((d) => d.entityType === 'activities')).toBe(true);
    // Contacts resumed from their cursor: no page of the job was appended twice.
    const cursors = events
      .filter((e) => e.type === 'SyncProgressed')
      .map((e) => e.data as Progress)
      .filter((d) => d.cursor)
      .map((d) => `${d.entityType} ${d.cursor}`);
    expect(new Set(cursors).size).toBe(cursors.length);
    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);
  }, 150_000);

  it('in a phased job with a recent window: the prioritised type of a later phase is listed during the first phase, and every phase is still recorded', async () => {
    const jobId = await h.requestSync({
      trigger: 'first_login',
      options: { phased: true, recentSince: new Date(Date.now() - 365 * 24 * 3600_000).toISOString() },
    });
    await waitFor(
      async () =>
        (await h.jobEvents(jobId)).filter(
          (e) => e.type === 'SyncProgressed' && (e.data as Progress).entityType === 'contacts',
        ).length,
      (n) => n >= 2,
      { timeoutMs: 30_000, description: 'contacts being listed' },
    );
    await prioritise(jobId, 'activities');
    expect((await h.waitForJob(jobId, { kind: 'firm' }, 90_000)).type).toBe('SyncJobCompleted');
    const events = await h.jobEvents(jobId);
    const types = events.map((e) => e.type);
    const at = types.indexOf('SyncEntityTypePrioritised');
    const activitiesDone = events.findIndex(
      (e) =>
        e.type === 'SyncProgressed' &&
        (e.data as Progress).entityType === 'activities' &&
        (e.data as Progress).cursor === null &&
        !(e.data as Progress).window,
    );
    const coreDone = events.findIndex(
      (e) => e.type === 'SyncPhaseCompleted' && (e.data as { phase: string }).phase === 'core',
    );
    expect(at).toBeGreaterThan(0);
    expect(activitiesDone).toBeGreaterThan(at);
    expect(coreDone).toBeGreaterThan(activitiesDone);
    expect(
      events.filter((e) => e.type === 'SyncPhaseCompleted').map((e) => e.data as { phase: string; window?: string }),
    ).toHaveLength(4);
    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);
  }, 150_000);
});
