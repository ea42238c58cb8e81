import { newEvent, type CurrentEventData, type EventType } from '@sf/contracts';
import type { CommandMeta } from '../command-meta';
import type { SyncLogEvent } from '../sync-log-event';
import {
  decideCancelProcessing,
  decideRequestProcessing,
  decideStartProcessing,
  gateProcessing,
} from './decide-processing';
import { foldProcessingJob, processingJobView } from './processing-job-state';

const NOW = new Date('2026-05-04T09:00:00.000Z');
const meta = (firmId = 'f1'): CommandMeta => ({
  firmId,
  correlationId: '00000000-0000-4000-8000-000000000001',
  causationId: null,
  eventIds: ['00000000-0000-4000-8000-000000000002'],
});
let n = 10;
const ev = <K extends EventType>(type: K, data: CurrentEventData[K], firmId = 'f1'): SyncLogEvent => {
  n += 1;
  const built = newEvent({
    eventId: `00000000-0000-4000-8000-0000000000${n}`,
    type,
    data,
    metadata: { firmId, correlationId: meta().correlationId, causationId: null, occurredAt: NOW.toISOString() },
  });
  if (!built.ok) throw new Error(built.reason);
  return built.value as SyncLogEvent;
};
const started = (ids: string[]) => ev('JobStarted', { jobId: 'p1', matterId: 'm1', folderId: 'fo1', documentIds: ids });

describe('gateProcessing', () => {
  it.each([
    [
      { syncing: true, everSynced: true },
      { action: 'refuse', reason: 'sync_in_progress' },
    ],
    [
      { syncing: true, everSynced: false },
      { action: 'refuse', reason: 'sync_in_progress' },
    ],
    [{ syncing: false, everSynced: false }, { action: 'sync_first' }],
    [{ syncing: false, everSynced: true }, { action: 'start' }],
  ])('%j -> %j', (facts, gate) => expect(gateProcessing(facts)).toEqual(gate));
});

describe('processing job fold and view', () => {
  it('counts each snapshot document once and ignores documents outside the snapshot', () => {
    const s = foldProcessingJob([
      started(['a', 'b', 'c', 'd']),
      ev('DocumentProcessed', {
        jobId: 'p1',
        documentId: 'a',
        sha256: '0'.repeat(64),
        size: 1,
        contentType: 'text/plain',
      }),
      ev('DocumentSkipped', { jobId: 'p1', documentId: 'b', reason: 'Deleted in Clio' }),
      ev('DocumentSkipped', { jobId: 'p1', documentId: 'b', reason: 'Deleted in Clio' }),
      ev('DocumentFailed', { jobId: 'p1', documentId: 'z', reason: 'x' }),
    ]);
    expect(s?.version).toBe(5);
    expect(processingJobView(s!)).toEqual({
      jobId: 'p1',
      matterId: 'm1',
      folderId: 'fo1',
      status: 'running',
      total: 4,
      processed: 1,
      skipped: 1,
      failed: 0,
      progress: 0.5,
    });
  });

  it('is null without JobStarted, and an empty snapshot is complete progress', () => {
    expect(foldProcessingJob([])).toBeNull();
    expect(processingJobView(foldProcessingJob([started([])])!).progress).toBe(1);
  });
});

describe('decideStartProcessing', () => {
  it('appends JobStarted with the frozen ids on a new stream', () => {
    const a = decideStartProcessing(
      { jobId: 'p1', matterId: 'm1', folderId: null, documentIds: ['x', 'y'], meta: meta() },
      NOW,
    );
    expect(a).toMatchObject({ streamId: 'processing-job-p1', streamType: 'processing_job', expected: 'no_stream' });
    expect(a.events.map((e) => [e.type, e.data])).toEqual([
      ['JobStarted', { jobId: 'p1', matterId: 'm1', folderId: null, documentIds: ['x', 'y'] }],
    ]);
  });
});

describe('decideCancelProcessing', () => {
  it('cancels a running job at the version read', () => {
    const r = decideCancelProcessing(
      foldProcessingJob([started(['a'])]),
      { reason: 'Stopped by user', meta: meta() },
      NOW,
    );
    expect(r.ok && r.append.expected).toBe(1);
    expect(r.ok && r.append.events.map((e) => e.type)).toEqual(['JobCancelled']);
  });

  it("refuses a finished job, a missing job and another firm's job", () => {
    const done = foldProcessingJob([
      started(['a']),
      ev('JobCompleted', { jobId: 'p1', processed: 1, skipped: 0, failed: 0 }),
    ]);
    const cancelled = foldProcessingJob([started(['a']), ev('JobCancelled', { jobId: 'p1', reason: 'r' })]);
    expect(decideCancelProcessing(done, { reason: 'r', meta: meta() }, NOW)).toEqual({
      ok: false,
      reason: 'already_finished',
    });
    expect(decideCancelProcessing(cancelled, { reason: 'r', meta: meta() }, NOW)).toEqual({
      ok: false,
      reason: 'already_finished',
    });
    expect(decideCancelProcessing(null, { reason: 'r', meta: meta() }, NOW)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(decideCancelProcessing(foldProcessingJob([started(['a'])]), { reason: 'r', meta: meta('f2') }, NOW)).toEqual(
      { ok: false, reason: 'not_found' },
    );
  });
});

describe('a job waiting for the sync of a never-synced matter', () => {
  const requested = () =>
    ev('ProcessingJobRequested', {
      jobId: 'p1',
      matterId: 'm1',
      folderId: 'fo1',
      includeSubfolders: true,
      syncJobId: 's1',
    });

  it('is requested on a new stream and folds to waiting_for_sync with no snapshot yet', () => {
    const a = decideRequestProcessing(
      { jobId: 'p1', matterId: 'm1', folderId: 'fo1', includeSubfolders: true, syncJobId: 's1', meta: meta() },
      NOW,
    );
    expect(a).toMatchObject({ streamId: 'processing-job-p1', expected: 'no_stream' });
    const s = foldProcessingJob([requested()])!;
    expect(s).toMatchObject({ version: 1, status: 'waiting_for_sync', includeSubfolders: true, documentIds: [] });
    expect(processingJobView(s)).toMatchObject({ status: 'waiting_for_sync', total: 0 });
  });

  it('starts after the request at the version read, then runs over its snapshot', () => {
    const a = decideStartProcessing(
      { jobId: 'p1', matterId: 'm1', folderId: 'fo1', documentIds: ['a'], meta: meta() },
      NOW,
      1,
    );
    expect(a.expected).toBe(1);
    const s = foldProcessingJob([requested(), started(['a', 'b'])])!;
    expect(s).toMatchObject({ version: 2, status: 'running', documentIds: ['a', 'b'], includeSubfolders: true });
  });

  it('can be cancelled while waiting', () => {
    const r = decideCancelProcessing(foldProcessingJob([requested()]), { reason: 'r', meta: meta() }, NOW);
    expect(r.ok && r.append.expected).toBe(1);
  });
});
