import { randomUUID } from 'node:crypto';
import { newEvent, streamIds, type CurrentEventData, type EventType } from '@sf/contracts';
import { appendToStream, readStream } from '@sf/event-store';
import { waitFor } from '@sf/testing';
import { readSyncWork } from './work/sync-job-queue';
import { SyncHarness } from './testing/sync-harness';

describe('clio-fetcher: the orchestrator pauses, resumes and cancels running jobs', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start({ sim: { counts: { activities: 2_000, documents: 800, contacts: 400 } } });
    const slow = h.sim.edge.faults.add({ kind: 'slow', delayMs: 25 }, h.sim.clock.now());
    if (!slow.ok) throw new Error(slow.message);
    await h.startFetcher();
  });
  afterAll(() => h.close());

  /** Appends as the orchestrator does: at the version read, retried on conflict. */
  const appendAsOrchestrator = async <K extends EventType>(
    stream: string,
    streamType: string,
    type: K,
    data: CurrentEventData[K],
  ): Promise<void> => {
    for (;;) {
      const e = newEvent({
        eventId: randomUUID(),
        type,
        data,
        metadata: {
          firmId: h.firmId,
          correlationId: randomUUID(),
          causationId: null,
          occurredAt: new Date().toISOString(),
        },
      });
      if (!e.ok) throw new Error(e.reason);
      const version = (await readStream(h.t.db, stream)).length;
      const r = await appendToStream(h.t.db, stream, streamType, version === 0 ? 'no_stream' : version, [e.value]);
      if (r.ok) return;
    }
  };
  const pages = async (jobId: string): Promise<number> =>
    (await h.jobEvents(jobId)).filter((e) => e.type === 'SyncProgressed').length;
  const statusOf = async (jobId: string): Promise<string | undefined> => (await readSyncWork(h.t.db, jobId))?.status;

  it('stops at a pause (its next append conflicts) and continues from its page cursor when resumed', async () => {
    const jobId = await h.requestSync({ trigger: 'first_login' });
    await waitFor(
      () => pages(jobId),
      (n) => n >= 5,
      { timeoutMs: 20_000 },
    );
    await appendAsOrchestrator(streamIds.syncJob(jobId), 'sync_job', 'SyncJobPaused', {
      jobId,
      reason: 'Stopped by user',
    });
    await waitFor(
      () => statusOf(jobId),
      (s) => s === 'paused',
      { timeoutMs: 10_000, description: 'paused in the work queue' },
    );
    const atPause = await h.jobEvents(jobId);
    const pauseAt = atPause.findIndex((e) => e.type === 'SyncJobPaused');
    expect(atPause.slice(pauseAt + 1)).toEqual([]);

    await appendAsOrchestrator(streamIds.syncJob(jobId), 'sync_job', 'SyncJobResumed', { jobId });
    expect((await h.waitForJob(jobId)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);
    const cursors = (await h.jobEvents(jobId))
      .filter((e) => e.type === 'SyncProgressed')
      .map((e) => e.data as { entityType: string; cursor: string | null })
      .filter((d) => d.cursor !== null)
      .map((d) => `${d.entityType} ${d.cursor}`);
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  it('stops for good when cancelled: no completion, the queue row is cancelled', async () => {
    const jobId = await h.requestSync({ trigger: 'maintenance' });
    await waitFor(
      () => pages(jobId),
      (n) => n >= 3,
      { timeoutMs: 20_000 },
    );
    await appendAsOrchestrator(streamIds.syncJob(jobId), 'sync_job', 'SyncJobPaused', { jobId, reason: 'cancelled' });
    await appendAsOrchestrator(streamIds.syncScope(h.firmId, { kind: 'firm' }), 'sync_scope', 'SyncJobCancelled', {
      jobId,
      scope: { kind: 'firm' },
      reason: 'Stopped by user',
    });
    await waitFor(
      () => statusOf(jobId),
      (s) => s === 'cancelled',
      { timeoutMs: 10_000, description: 'cancelled in the work queue' },
    );
    const terminal = await h.waitForJob(jobId);
    expect(terminal.type).toBe('SyncJobCancelled');
    const scope = await readStream(h.t.db, streamIds.syncScope(h.firmId, { kind: 'firm' }));
    expect(scope.filter((e) => (e.data as { jobId?: string }).jobId === jobId).map((e) => e.type)).toEqual([
      'SyncRequested',
      'SyncJobCancelled',
    ]);
    await waitFor(
      () => h.fetchers[0]!.activeJobs(),
      (n) => n === 0,
      { timeoutMs: 10_000, description: 'the worker to let go' },
    );
    const events = await h.jobEvents(jobId);
    expect(events[events.length - 1]!.type).toBe('SyncJobPaused');
  });

  it('hands a running job over on a graceful stop: the page in flight is finished and the lease released at once', async () => {
    h.pages.clear();
    const jobId = await h.requestSync({ trigger: 'maintenance' });
    await waitFor(
      () => pages(jobId),
      (n) => n >= 4,
      { timeoutMs: 20_000 },
    );
    await h.fetchers[0]!.close();
    expect(await readSyncWork(h.t.db, jobId)).toMatchObject({ status: 'ready', owner: null });
    await h.startFetcher();
    expect((await h.waitForJob(jobId)).type).toBe('SyncJobCompleted');
    // Nothing fetched twice: the stopping worker appended its page in flight before letting go.
    expect(h.pages.repeats()).toEqual([]);
    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);
  });
});
