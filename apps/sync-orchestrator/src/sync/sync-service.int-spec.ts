import { streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { rebuildProjection } from '@sf/projections';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { SyncScope } from '@sf/sync-jobs';
import { syncPolicyConfig } from '@sf/sync-policy';
import {
  connectFirm,
  event,
  finishJob,
  lastLogPosition,
  project,
  projection,
  typesOf,
  workerAppend,
} from '../testing/orchestrator-fixtures';
import { createSyncService, syncDeps, type SyncService } from './sync-service';
import { idsCausedBy } from './derived-ids';
import { randomUUID } from 'node:crypto';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

describe('SyncService against real Postgres', () => {
  let t: TestDatabase<OrchestratorDb>;
  let clock: number;
  let service: SyncService;
  const now = () => new Date(clock);
  const SECOND = 1_000;
  const MINUTE = 60 * SECOND;

  beforeAll(async () => {
    t = await createTestDatabase({ max: 20 });
    service = createSyncService(syncDeps(t.db, { now, policy: syncPolicyConfig({ stallAfterMs: 30 * MINUTE }) }));
  });
  beforeEach(() => {
    clock = Date.parse('2026-05-04T09:00:00.000Z');
  });
  afterAll(async () => t?.drop());

  const newFirm = async (): Promise<string> => {
    const firmId = uniqueName('firm');
    await connectFirm(t.db, firmId);
    await project(t.db);
    return firmId;
  };
  const manual = (firmId: string, scope: SyncScope) =>
    service.request({ firmId, scope, trigger: 'manual', requestedBy: 'user-1' });

  it('100 concurrent requests for one matter open exactly one job; the other 99 are told a sync is in progress', async () => {
    const firmId = await newFirm();
    const scope = SyncScope.matter('m-100');
    const results = await Promise.all(Array.from({ length: 100 }, () => manual(firmId, scope)));
    const events = await readStream(t.db, streamIds.syncScope(firmId, scope));
    expect(events.map((e) => e.type)).toEqual(['SyncRequested']);
    const winner = (events[0]!.data as { jobId: string }).jobId;
    const started = results.filter((r) => r.decision.action === 'start');
    expect(started).toEqual([{ decision: { action: 'start', reason: 'ok' }, jobId: winner, message: 'Sync started' }]);
    const rest = results.filter((r) => r.decision.action !== 'start');
    expect(rest).toHaveLength(99);
    expect(new Set(rest.map((r) => `${r.decision.reason}|${r.jobId}|${r.message}`))).toEqual(
      new Set([`already_syncing|${winner}|Sync in progress`]),
    );
  });

  it('refuses a matter sync while a firm-wide job is active, and never opens one after the firm job under concurrency', async () => {
    const firmId = await newFirm();
    const firm = await service.request({
      firmId,
      scope: SyncScope.firm(),
      trigger: 'first_login',
      requestedBy: 'user-1',
    });
    expect(firm.decision).toEqual({ action: 'start', reason: 'ok' });
    expect(await manual(firmId, SyncScope.matter('m-1'))).toEqual({
      decision: { action: 'skip', reason: 'already_syncing', metadata: { activeJobId: firm.jobId } },
      jobId: firm.jobId,
      message: 'Sync in progress',
    });

    const other = await newFirm();
    const [firmResult, ...matterResults] = await Promise.all([
      service.request({ firmId: other, scope: SyncScope.firm(), trigger: 'schedule', requestedBy: null }),
      ...Array.from({ length: 10 }, (_, i) => manual(other, SyncScope.matter(`m-${i}`))),
    ]);
    expect(firmResult!.decision.action).toBe('start');
    const firmPosition = BigInt(
      (await readStream(t.db, streamIds.syncScope(other, SyncScope.firm())))[0]!.globalPosition,
    );
    for (const [i, r] of matterResults.entries()) {
      const matterEvents = await readStream(t.db, streamIds.syncScope(other, SyncScope.matter(`m-${i}`)));
      if (r.decision.action === 'start') expect(BigInt(matterEvents[0]!.globalPosition)).toBeLessThan(firmPosition);
      else expect([r.decision.reason, r.jobId, matterEvents]).toEqual(['already_syncing', firmResult!.jobId, []]);
    }
  });

  it('throttles manual syncs inside the cooldown and lets them through after it', async () => {
    const firmId = await newFirm();
    const scope = SyncScope.matter('m-cool');
    const first = await manual(firmId, scope);
    await finishJob(t.db, firmId, first.jobId!, scope, new Date(clock + 5 * SECOND));
    clock += 10 * SECOND;
    expect(await manual(firmId, scope)).toEqual({
      decision: {
        action: 'block',
        reason: 'cooldown',
        metadata: { cooldownMs: 50 * SECOND, retryAfterMs: 50 * SECOND },
      },
      jobId: null,
      message: 'Please wait 50 seconds before syncing again',
    });
    clock += 50 * SECOND;
    expect((await manual(firmId, scope)).decision).toEqual({ action: 'start', reason: 'ok' });
    expect(await typesOf(t.db, streamIds.syncScope(firmId, scope))).toEqual([
      'SyncRequested',
      'SyncJobCompleted',
      'SyncRequested',
    ]);
  });

  it('stop, resume, cancel and reset append their events, fence the worker and are refused when they make no sense', async () => {
    const firmId = await newFirm();
    const scope = SyncScope.matter('m-ctl');
    const { jobId } = await manual(firmId, scope);
    await workerAppend(t.db, jobId!, 'no_stream', [
      event(firmId, 'SyncJobStarted', { jobId: jobId!, scope, entityTypes: ['documents'], estimatedTotal: 10 }),
    ]);
    await project(t.db);
    const control = (c: 'stop' | 'resume' | 'cancel' | 'reset', firm: string | null = firmId) =>
      service.control({ firmId: firm, jobId: jobId!, control: c, requestedBy: 'user-1' });

    expect(await control('stop', 'another-firm')).toEqual({ kind: 'not_found' });
    expect(await control('resume')).toMatchObject({ kind: 'refused', reason: 'not_paused' });
    expect(await control('stop')).toEqual({ kind: 'done', jobId, state: 'paused', message: 'Sync paused' });
    expect(
      (
        await workerAppend(t.db, jobId!, 1, [
          event(firmId, 'SyncProgressed', { jobId: jobId!, entityType: 'documents', fetched: 5, total: 10 }),
        ])
      ).ok,
    ).toBe(false);
    expect(await control('stop')).toMatchObject({
      kind: 'refused',
      reason: 'already_paused',
      message: 'The sync job is already paused',
    });
    expect(await control('resume')).toMatchObject({ kind: 'done', state: 'running' });
    expect(await control('cancel')).toMatchObject({ kind: 'done', state: 'cancelled' });
    expect(await control('cancel')).toMatchObject({ kind: 'refused', reason: 'not_active' });
    expect(await control('reset')).toMatchObject({
      kind: 'done',
      state: null,
      message: 'The next sync will be a full sync',
    });

    expect(await typesOf(t.db, streamIds.syncJob(jobId!))).toEqual([
      'SyncJobStarted',
      'SyncJobPaused',
      'SyncJobResumed',
      'SyncJobPaused',
    ]);
    expect(await typesOf(t.db, streamIds.syncScope(firmId, scope))).toEqual([
      'SyncRequested',
      'SyncJobCancelled',
      'SyncBookmarksReset',
    ]);
    await project(t.db);
    expect(await service.job(firmId, jobId!)).toMatchObject({
      state: 'cancelled',
      controlReason: 'Cancel requested',
      etaMs: null,
    });
    // The scope is free again: the reset made the next sync a full one, and a new request opens a job.
    clock += 2 * MINUTE;
    expect((await manual(firmId, scope)).decision.action).toBe('start');
  });

  it('reset of an active job cancels it and resets the bookmarks in one scope append', async () => {
    const firmId = await newFirm();
    const { jobId } = await manual(firmId, SyncScope.firm());
    await project(t.db);
    expect(await service.control({ firmId, jobId: jobId!, control: 'reset', requestedBy: null })).toMatchObject({
      kind: 'done',
      state: 'cancelled',
    });
    expect(await typesOf(t.db, streamIds.syncScope(firmId, SyncScope.firm()))).toEqual([
      'SyncRequested',
      'SyncJobCancelled',
      'SyncBookmarksReset',
    ]);
    expect(await typesOf(t.db, streamIds.syncJob(jobId!))).toEqual(['SyncJobPaused']);
  });

  it('stall detection restarts a job with no progress for the threshold from its checkpoint, fencing the old worker', async () => {
    const firmId = await newFirm();
    const scope = SyncScope.matter('m-stall');
    const { jobId } = await manual(firmId, scope);
    await workerAppend(t.db, jobId!, 'no_stream', [
      event(
        firmId,
        'SyncJobStarted',
        { jobId: jobId!, scope, entityTypes: ['documents'], estimatedTotal: 400 },
        new Date(clock),
      ),
      event(
        firmId,
        'SyncProgressed',
        { jobId: jobId!, entityType: 'documents', fetched: 200, total: 400, cursor: 'https://clio/p2', mode: 'full' },
        new Date(clock),
      ),
    ]);
    await project(t.db);
    clock += 29 * MINUTE;
    expect(await service.checkStalls()).not.toContain(jobId);
    clock += 2 * MINUTE;
    expect(await service.checkStalls()).toContain(jobId);
    expect(await typesOf(t.db, streamIds.syncJob(jobId!))).toEqual([
      'SyncJobStarted',
      'SyncProgressed',
      'SyncJobStalled',
      'SyncJobResumed',
    ]);
    expect(
      (
        await workerAppend(t.db, jobId!, 2, [
          event(firmId, 'SyncProgressed', { jobId: jobId!, entityType: 'documents', fetched: 400, total: 400 }),
        ])
      ).ok,
    ).toBe(false);
    await project(t.db);
    expect(await service.job(firmId, jobId!)).toMatchObject({
      state: 'running',
      stalled: true,
      stallCount: 1,
      stallReason: expect.stringContaining('restarted from its last checkpoint'),
    });
    // The restart counts as progress: the next check leaves the job alone.
    expect(await service.checkStalls()).not.toContain(jobId);
  });

  it('a repeated request (derived ids) after its job stalled changes nothing and answers what it did first', async () => {
    const firmId = await newFirm();
    const scope = SyncScope.firm();
    // A consumer's redelivery or the scheduler's retried run: the same derived ids. Maintenance restarts stalled jobs.
    const ids = idsCausedBy(randomUUID());
    const redeliver = () => service.request({ firmId, scope, trigger: 'maintenance', requestedBy: null, ids });
    const first = await redeliver();
    expect(first).toMatchObject({ decision: { action: 'start', reason: 'ok' }, jobId: ids.jobId });
    await workerAppend(t.db, ids.jobId, 'no_stream', [
      event(
        firmId,
        'SyncJobStarted',
        { jobId: ids.jobId, scope, entityTypes: ['matters'], estimatedTotal: 10 },
        new Date(clock),
      ),
    ]);
    await project(t.db);
    // Stalled now: deciding afresh would restart it with [SyncJobStalled, SyncJobResumed] on the same two ids,
    // the first of which the original SyncRequested holds (a partial repeat, which used to fail every redelivery).
    clock += 31 * MINUTE;
    expect(await redeliver()).toEqual({ ...first, message: 'Sync started' });
    expect(await typesOf(t.db, streamIds.syncJob(ids.jobId))).toEqual(['SyncJobStarted']);
    expect(await typesOf(t.db, streamIds.syncScope(firmId, scope))).toEqual(['SyncRequested']);
  });

  it('does not restart a job that is only waiting for rate budget', async () => {
    const firmId = await newFirm();
    const scope = SyncScope.matter('m-wait');
    const { jobId } = await manual(firmId, scope);
    await workerAppend(t.db, jobId!, 'no_stream', [
      event(firmId, 'SyncJobStarted', { jobId: jobId!, scope, entityTypes: ['documents'], estimatedTotal: 400 }, now()),
    ]);
    await project(t.db);
    await t.db
      .insertInto('clio_rate_budgets')
      .values({
        connection_id: `conn-${firmId}`,
        limit: 50,
        remaining: 3,
        reset_at: new Date(clock + 31 * MINUTE + 30 * SECOND),
        updated_at: new Date(clock),
      })
      .execute();
    clock += 31 * MINUTE;
    expect(await service.checkStalls()).not.toContain(jobId);
    expect(await typesOf(t.db, streamIds.syncJob(jobId!))).toEqual(['SyncJobStarted']);
  });

  it('fails a job no worker started within the unclaimed threshold, fencing a late start; a started job is left alone', async () => {
    const firmId = await newFirm();
    const lost = SyncScope.matter('m-lost');
    const started = SyncScope.matter('m-started');
    const { jobId } = await manual(firmId, lost);
    const other = (await manual(firmId, started)).jobId!;
    await workerAppend(t.db, other, 'no_stream', [
      event(firmId, 'SyncJobStarted', { jobId: other, scope: started, entityTypes: [], estimatedTotal: null }, now()),
    ]);
    await project(t.db);
    clock += 59 * MINUTE;
    expect(await service.checkUnclaimed()).not.toContain(jobId);
    clock += 2 * MINUTE;
    const failed = await service.checkUnclaimed();
    expect(failed).toContain(jobId);
    expect(failed).not.toContain(other);
    expect(await typesOf(t.db, streamIds.syncScope(firmId, lost))).toEqual(['SyncRequested', 'SyncJobFailed']);
    expect(await typesOf(t.db, streamIds.syncJob(jobId!))).toEqual(['SyncJobPaused']);
    await project(t.db);
    expect(await service.job(firmId, jobId!)).toMatchObject({ state: 'failed' });
    expect(await service.checkUnclaimed()).not.toContain(jobId);
  });

  it('the sync_jobs read model rebuilt from position 0 equals the live one', async () => {
    await project(t.db);
    const rows = () => t.db.selectFrom('sync_jobs').selectAll().orderBy('job_id').execute();
    const live = await rows();
    expect(live.length).toBeGreaterThan(5);
    const until = await lastLogPosition(t.db);
    await rebuildProjection(t.db, projection('sync_jobs'), until ? { until } : {});
    expect(await rows()).toEqual(live);
  });
});
