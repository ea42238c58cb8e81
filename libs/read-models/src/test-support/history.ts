// Builders of realistic event histories for this lib's tests (not exported from the lib).
import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, LogPosition } from '@sf/event-store';

/** A clock that moves one second per event, so every event has a distinct, predictable time. */
export const steppingClock = (start = Date.UTC(2026, 10, 23, 9, 0, 0)): (() => string) => {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
};

export const newEvent = (type: string, data: Record<string, unknown>, firmId: string, occurredAt: string): NewEvent => ({
  eventId: randomUUID(),
  type,
  version: type === 'SyncRequested' ? 2 : 1,
  data,
  metadata: { firmId, correlationId: randomUUID(), causationId: null, occurredAt },
});

/** One stream's events, appended one call at a time (in order) by `appendInterleaved`. */
export interface StreamScript {
  streamId: string;
  streamType: string;
  events: NewEvent[];
}

/**
 * Appends the scripts' events one at a time, round-robin across streams, so the log interleaves jobs as
 * production would. Fails loudly on any rejected append.
 */
export const appendInterleaved = async (db: Executor, scripts: readonly StreamScript[]): Promise<RecordedEvent[]> => {
  const recorded: RecordedEvent[] = [];
  const max = Math.max(...scripts.map((s) => s.events.length));
  for (let i = 0; i < max; i++) {
    for (const s of scripts) {
      const e = s.events[i];
      if (!e) continue;
      const r = await appendToStream(db, s.streamId, s.streamType, i, [e]);
      if (!r.ok) throw new Error(`append to ${s.streamId} failed: ${r.reason}`);
      recorded.push(...r.events);
    }
  }
  return recorded;
};

type Step = [type: string, data: Record<string, unknown>];

/** A sync job's stream, from steps whose data omits the job id. */
export const syncJob = (firmId: string, jobId: string, clock: () => string, steps: Step[]): StreamScript => ({
  streamId: `sync-job-${jobId}`,
  streamType: 'sync_job',
  events: steps.map(([type, data]) => newEvent(type, { jobId, ...data }, firmId, clock())),
});

/** A processing job's stream, from steps whose data omits the job id. */
export const processingJob = (firmId: string, jobId: string, clock: () => string, steps: Step[]): StreamScript => ({
  streamId: `processing-job-${jobId}`,
  streamType: 'processing_job',
  events: steps.map(([type, data]) => newEvent(type, { jobId, ...data }, firmId, clock())),
});

export const matterScope = (matterId: string): Record<string, unknown> => ({ kind: 'matter', matterId });

/** A mixed history: several matters and firms, blocked/resumed/failed/completed/cancelled, processing jobs. */
export const mixedHistory = (tag: string, clock = steppingClock()): StreamScript[] => {
  const A = `firm-a-${tag}`;
  const B = `firm-b-${tag}`;
  const docs = ['d1', 'd2', 'd3', 'd4', 'd5'];
  return [
    syncJob(A, `${tag}-s1`, clock, [
      ['SyncRequested', { scope: matterScope('m1'), trigger: 'manual', requestedBy: 'u1' }],
      ['SyncJobStarted', { scope: matterScope('m1'), entityTypes: ['documents', 'folders'], estimatedTotal: 12 }],
      ['SyncProgressed', { entityType: 'documents', fetched: 4, total: 10 }],
      ['SyncProgressed', { entityType: 'documents', fetched: 10, total: 10 }],
      ['SyncProgressed', { entityType: 'folders', fetched: 3, total: 3 }],
      ['DocumentsSwept', { matterId: 'm1', listed: 10, softDeletedIds: [], restoredIds: [], heldForReview: [] }],
      ['SyncJobCompleted', { counts: { documents: 10, folders: 3 } }],
    ]),
    syncJob(A, `${tag}-s2`, clock, [
      ['SyncRequested', { scope: matterScope('m2'), trigger: 'webhook' }],
      ['SyncJobStarted', { scope: matterScope('m2'), entityTypes: ['documents'], estimatedTotal: null }],
      ['SyncJobBlocked', { reason: 'rate_limited', blockedUntil: '2026-11-23T09:30:00Z' }],
      ['SyncJobResumed', {}],
      ['SyncProgressed', { entityType: 'documents', fetched: 50, total: null }],
      ['SyncJobFailed', { code: 'CLIO_UNAVAILABLE', reason: 'Clio did not answer; the sync will be retried.' }],
    ]),
    syncJob(A, `${tag}-s3`, clock, [
      ['SyncRequested', { scope: matterScope('m3'), trigger: 'process_click' }],
      ['SyncJobCancelled', { reason: 'user' }],
    ]),
    syncJob(A, `${tag}-firm`, clock, [
      ['SyncRequested', { scope: { kind: 'firm' }, trigger: 'first_login' }],
      ['SyncJobStarted', { scope: { kind: 'firm' }, entityTypes: ['matters'], estimatedTotal: 3 }],
      ['SyncProgressed', { entityType: 'matters', fetched: 3, total: 3 }],
      ['SyncJobCompleted', { counts: { matters: 3 } }],
    ]),
    syncJob(B, `${tag}-s4`, clock, [
      ['SyncRequested', { scope: matterScope('m1'), trigger: 'schedule' }],
      ['SyncJobStarted', { scope: matterScope('m1'), entityTypes: ['documents'], estimatedTotal: 40 }],
      ['SyncProgressed', { entityType: 'documents', fetched: 25, total: null }],
    ]),
    processingJob(A, `${tag}-p1`, clock, [
      ['JobStarted', { matterId: 'm1', folderId: 'f1', documentIds: docs }],
      ['DocumentProcessed', { documentId: 'd1', sha256: 'a'.repeat(64), size: 10, contentType: 'application/pdf' }],
      ['DocumentProcessed', { documentId: 'd2', sha256: 'b'.repeat(64), size: 20, contentType: 'application/pdf' }],
      ['DocumentSkipped', { documentId: 'd3', reason: 'deleted_in_clio' }],
      ['DocumentFailed', { documentId: 'd4', reason: 'download_failed' }],
      ['DocumentProcessed', { documentId: 'd5', sha256: 'c'.repeat(64), size: 30, contentType: 'text/plain' }],
      ['JobCompleted', { processed: 3, skipped: 1, failed: 1 }],
    ]),
    processingJob(B, `${tag}-p2`, clock, [
      ['JobStarted', { matterId: 'm1', folderId: null, documentIds: ['x1', 'x2'] }],
      ['DocumentProcessed', { documentId: 'x1', sha256: 'd'.repeat(64), size: 1, contentType: 'text/plain' }],
      ['JobCancelled', { reason: 'user' }],
    ]),
  ];
};

/** Recorded events as the log would return them, positioned 1..n in one transaction (for projection specs). */
export const recordedSequence = (scripts: readonly StreamScript[]): RecordedEvent[] => {
  let n = 0;
  return scripts.flatMap((s) =>
    s.events.map((e, i) => ({ ...e, streamId: s.streamId, streamPosition: i + 1, globalPosition: String(++n), transactionId: '100' })),
  );
};

/** The latest log position among recorded events (appends may commit in any order). */
export const tailOf = (recorded: readonly RecordedEvent[]): LogPosition =>
  recorded.map((e) => LogPosition.of(e)).reduce((a, b) => LogPosition.max(a, b), LogPosition.start);
