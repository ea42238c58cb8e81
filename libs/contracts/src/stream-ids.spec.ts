import { metadata } from './spec-fixtures';
import { streamIds, streamOf } from './stream-ids';

describe('stream ids', () => {
  it('derives the documented stream ids', () => {
    expect(streamIds.syncJob('j-1')).toBe('sync-job-j-1');
    expect(streamIds.processingJob('p-1')).toBe('processing-job-p-1');
    expect(streamIds.connection('firm-42')).toBe('connection-firm-42');
  });

  it('finds the stream of an event from its type, job id or firm', () => {
    const m = metadata();
    expect(streamOf({ type: 'SyncJobResumed', data: { jobId: 'j-1' }, metadata: m })).toEqual({
      streamType: 'sync_job',
      streamId: 'sync-job-j-1',
    });
    expect(
      streamOf({
        type: 'RecordsSwept',
        data: { jobId: 'j-1', matterId: 'm', listed: 0, softDeletedIds: [], restoredIds: [], heldForReview: false },
        metadata: m,
      }),
    ).toEqual({
      streamType: 'sync_job',
      streamId: 'sync-job-j-1',
    });
    expect(streamOf({ type: 'JobCancelled', data: { jobId: 'p-1', reason: 'r' }, metadata: m })).toEqual({
      streamType: 'processing_job',
      streamId: 'processing-job-p-1',
    });
    expect(
      streamOf({ type: 'ConnectionRevoked', data: { connectionId: 'c', revokedBy: 'clio' }, metadata: m }),
    ).toEqual({
      streamType: 'connection',
      streamId: 'connection-firm-42',
    });
    expect(
      streamOf({
        type: 'HeldSweepRejected',
        data: { sweepEventId: 'e-1', jobId: 'j-1', entityType: 'documents', reason: 'r', rejectedBy: 'u' },
        metadata: m,
      }),
    ).toEqual({ streamType: 'sweep_review', streamId: 'sweep-review-e-1' });
  });
});
