import { matterScope, processingJob, steppingClock, syncJob, type JobScript } from './history';

/** A mixed history: several matters and firms, blocked/resumed/failed/completed/cancelled, processing jobs. */
export const mixedHistory = (tag: string, clock = steppingClock()): JobScript[] => {
  const A = `firm-a-${tag}`;
  const B = `firm-b-${tag}`;
  const docs = ['d1', 'd2', 'd3', 'd4', 'd5'];
  const sha = (c: string) => c.repeat(64);
  return [
    syncJob(A, `${tag}-s1`, clock, matterScope('m1'), [
      ['SyncRequested', { trigger: 'manual', requestedBy: 'u1' }],
      ['SyncJobStarted', { entityTypes: ['documents', 'folders'], estimatedTotal: 12 }],
      ['SyncProgressed', { entityType: 'documents', fetched: 4, total: 10 }],
      ['SyncProgressed', { entityType: 'documents', fetched: 10, total: 10 }],
      ['SyncProgressed', { entityType: 'folders', fetched: 3, total: 3 }],
      ['RecordsSwept', { matterId: 'm1', listed: 10, softDeletedIds: [], restoredIds: [], heldForReview: false }],
      ['SyncJobCompleted', { counts: { documents: 10, folders: 3 } }],
    ]),
    syncJob(A, `${tag}-s2`, clock, matterScope('m2'), [
      ['SyncRequested', { trigger: 'webhook' }],
      ['SyncJobStarted', { entityTypes: ['documents'], estimatedTotal: null }],
      ['SyncJobBlocked', { reason: 'rate_limited', blockedUntil: '2026-11-23T09:30:00Z' }],
      ['SyncJobResumed', {}],
      ['SyncProgressed', { entityType: 'documents', fetched: 50, total: null }],
      ['SyncJobFailed', { code: 'CLIO_UNAVAILABLE', reason: 'Clio did not answer; the sync will be retried.' }],
    ]),
    syncJob(A, `${tag}-s3`, clock, matterScope('m3'), [
      ['SyncRequested', { trigger: 'process_click' }],
      ['SyncJobCancelled', { reason: 'user' }],
    ]),
    syncJob(A, `${tag}-firm`, clock, { kind: 'firm' }, [
      ['SyncRequested', { trigger: 'first_login' }],
      ['SyncJobStarted', { entityTypes: ['matters'], estimatedTotal: 3 }],
      ['SyncProgressed', { entityType: 'matters', fetched: 3, total: 3 }],
      ['SyncJobCompleted', { counts: { matters: 3 } }],
    ]),
    syncJob(B, `${tag}-s4`, clock, matterScope('m1'), [
      ['SyncRequested', { trigger: 'schedule' }],
      ['SyncJobStarted', { entityTypes: ['documents'], estimatedTotal: 40 }],
      ['SyncProgressed', { entityType: 'documents', fetched: 25, total: null }],
    ]),
    processingJob(A, `${tag}-p1`, clock, [
      ['JobStarted', { matterId: 'm1', folderId: 'f1', documentIds: docs }],
      ['DocumentProcessed', { documentId: 'd1', sha256: sha('a'), size: 10, contentType: 'application/pdf' }],
      ['DocumentProcessed', { documentId: 'd2', sha256: sha('b'), size: 20, contentType: 'application/pdf' }],
      ['DocumentSkipped', { documentId: 'd3', reason: 'deleted_in_clio' }],
      ['DocumentFailed', { documentId: 'd4', reason: 'download_failed' }],
      ['DocumentProcessed', { documentId: 'd5', sha256: sha('c'), size: 30, contentType: 'text/plain' }],
      ['JobCompleted', { processed: 3, skipped: 1, failed: 1 }],
    ]),
    processingJob(B, `${tag}-p2`, clock, [
      ['JobStarted', { matterId: 'm1', folderId: null, documentIds: ['x1', 'x2'] }],
      ['DocumentProcessed', { documentId: 'x1', sha256: sha('d'), size: 1, contentType: 'text/plain' }],
      ['JobCancelled', { reason: 'user' }],
    ]),
  ];
};
