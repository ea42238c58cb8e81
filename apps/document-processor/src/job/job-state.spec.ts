import type { RecordedEvent } from '@sf/contracts';
import { countOutcomes, foldJob, pendingDocuments } from './job-state';

let pos = 0;
const ev = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({ type, data, eventId: `e${++pos}`, version: 1, streamId: 'processing-job-j', streamPosition: pos, metadata: {} }) as unknown as RecordedEvent;

describe('processing job state', () => {
  const started = ev('JobStarted', { jobId: 'j', matterId: 'm', folderId: null, documentIds: ['1', '2', '3', '2'] });

  it('lists snapshot documents without an outcome, in order and once each', () => {
    const s = foldJob([started, ev('DocumentSkipped', { jobId: 'j', documentId: '2', reason: 'deleted in Clio' })]);
    expect(pendingDocuments(s)).toEqual(['1', '3']);
    expect(s.version).toBe(2);
    expect(s.closed).toBe(false);
  });

  it('keeps the first outcome of a document and counts outcomes', () => {
    const s = foldJob([
      started,
      ev('DocumentProcessed', { documentId: '1' }),
      ev('DocumentFailed', { documentId: '1' }),
      ev('DocumentFailed', { documentId: '3' }),
    ]);
    expect(s.outcomes.get('1')).toBe('processed');
    expect(countOutcomes(s)).toEqual({ processed: 1, skipped: 0, failed: 1 });
  });

  it('is closed by JobCompleted or JobCancelled; without JobStarted nothing is pending', () => {
    expect(foldJob([started, ev('JobCancelled', { jobId: 'j', reason: 'x' })]).closed).toBe(true);
    expect(foldJob([started, ev('JobCompleted', { jobId: 'j' })]).closed).toBe(true);
    expect(pendingDocuments(foldJob([]))).toEqual([]);
  });
});
