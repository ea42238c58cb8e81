import { ev } from '../spec-fixtures';
import {
  countOutcomes,
  foldProcessingJob,
  isFinished,
  pendingDocuments,
  processingJobView,
  ProcessingJobStatus,
} from './processing-job-state';

// The one fold of a processing-job stream: the rules the worker, the deciders and the read model all rely on.
const started = (documentIds: string[]) => ev('JobStarted', { jobId: 'j', matterId: 'm', folderId: null, documentIds });
const processed = (documentId: string) =>
  ev('DocumentProcessed', { jobId: 'j', documentId, sha256: '0'.repeat(64), size: 1, contentType: 'text/plain' });
const skipped = (documentId: string) => ev('DocumentSkipped', { jobId: 'j', documentId, reason: 'deleted in Clio' });
const failed = (documentId: string) => ev('DocumentFailed', { jobId: 'j', documentId, reason: 'timeout' });

describe('processing job fold', () => {
  it('lists snapshot documents without an outcome, in order and once each', () => {
    const s = foldProcessingJob([started(['1', '2', '3', '2']), skipped('2')]);
    expect(pendingDocuments(s)).toEqual(['1', '3']);
    expect(s?.version).toBe(2);
    expect(isFinished(s)).toBe(false);
  });

  it('keeps the first outcome of a document and counts each document once', () => {
    const s = foldProcessingJob([started(['1', '2', '3']), processed('1'), failed('1'), failed('3'), processed('3')]);
    expect(s?.outcomes.get('1')).toBe('processed');
    expect(countOutcomes(s)).toEqual({ processed: 1, skipped: 0, failed: 1 });
    expect(processingJobView(s!)).toMatchObject({ total: 3, processed: 1, failed: 1, progress: 2 / 3 });
  });

  it('ignores an outcome for a document outside the snapshot, but counts one that lands after a cancellation', () => {
    const s = foldProcessingJob([
      started(['1', '2']),
      processed('9'),
      ev('JobCancelled', { jobId: 'j', reason: 'user' }),
      skipped('1'),
    ]);
    expect(countOutcomes(s)).toEqual({ processed: 0, skipped: 1, failed: 0 });
    expect(s?.status).toBe(ProcessingJobStatus.Cancelled);
  });

  it('freezes the snapshot at the first JobStarted', () => {
    const s = foldProcessingJob([started(['1']), processed('1'), started(['1', '2'])]);
    expect(s?.documentIds).toEqual(['1']);
    expect(s?.version).toBe(3);
    expect(countOutcomes(s).processed).toBe(1);
  });

  it('is finished by JobCompleted or JobCancelled; without JobStarted nothing is pending', () => {
    expect(isFinished(foldProcessingJob([started(['1']), ev('JobCancelled', { jobId: 'j', reason: 'x' })]))).toBe(true);
    expect(
      isFinished(
        foldProcessingJob([started(['1']), ev('JobCompleted', { jobId: 'j', processed: 0, skipped: 0, failed: 0 })]),
      ),
    ).toBe(true);
    expect(pendingDocuments(foldProcessingJob([]))).toEqual([]);
    expect(isFinished(null)).toBe(false);
  });
});
