import type { EventContext } from '../events/position';
import type { ProcessingJobEvent, ProcessingJobEventType } from '../events/processing-job-events';

const ev = (type: ProcessingJobEventType, data: Record<string, unknown>): ProcessingJobEvent =>
  ({ type, data }) as unknown as ProcessingJobEvent;
import { foldJobSnapshotBatch, type JobSnapshotInput } from './job-snapshot-fold';
import type { JobSnapshotRow } from './job-snapshot-row';

let n = 0;
const at = (event: ProcessingJobEvent, firmId = 'firm-1'): JobSnapshotInput => {
  n += 1;
  const ctx: EventContext = { firmId, occurredAt: new Date(Date.UTC(2026, 10, 23, 8, 0, n)).toISOString(), position: { txId: 9n, position: BigInt(n) } };
  return { event, ctx };
};

const foldAll = (batches: JobSnapshotInput[][]): JobSnapshotRow[] => {
  const db = new Map<string, JobSnapshotRow>();
  for (const b of batches) for (const r of foldJobSnapshotBatch([...db.values()], b)) db.set(r.jobId, r);
  return [...db.values()];
};

const started = (jobId: string, documentIds: string[]): ProcessingJobEvent =>
  ev('JobStarted', { jobId, matterId: 'm-1', folderId: 'f-1', documentIds });

describe('foldJobSnapshotBatch', () => {
  beforeEach(() => { n = 0; });

  it('freezes the document list and counts outcomes per document event', () => {
    const [row] = foldAll([[
      at(started('p1', ['d1', 'd2', 'd3', 'd4'])),
      at(ev('DocumentProcessed', { jobId: 'p1', documentId: 'd1' })),
      at(ev('DocumentSkipped', { jobId: 'p1', documentId: 'd2' })),
      at(ev('DocumentFailed', { jobId: 'p1', documentId: 'd3' })),
      at(ev('DocumentProcessed', { jobId: 'p1', documentId: 'd4' })),
    ]]);
    expect(row).toEqual({
      jobId: 'p1', firmId: 'firm-1', matterId: 'm-1', folderId: 'f-1', documentIds: ['d1', 'd2', 'd3', 'd4'],
      status: 'running', total: 4, processed: 2, skipped: 1, failed: 1,
      createdAt: '2026-11-23T08:00:01.000Z', updatedAt: '2026-11-23T08:00:05.000Z', lastPosition: { txId: 9n, position: 5n },
    });
  });

  it('completes with the final counts of the job, and marks cancellation', () => {
    const rows = foldAll([[
      at(started('p1', ['d1'])),
      at(ev('DocumentProcessed', { jobId: 'p1', documentId: 'd1' })),
      at(ev('JobCompleted', { jobId: 'p1', processed: 1, skipped: 0, failed: 0 })),
      at(started('p2', ['d1', 'd2'])),
      at(ev('JobCancelled', { jobId: 'p2', reason: 'user' })),
      at(ev('DocumentSkipped', { jobId: 'p2', documentId: 'd1' })),
    ]]);
    expect(rows.map((r) => [r.jobId, r.status, r.processed, r.skipped])).toEqual([['p1', 'completed', 1, 0], ['p2', 'cancelled', 0, 1]]);
  });

  it('does not double count when a batch is replayed, whatever the batch boundaries', () => {
    const events = [
      at(started('p1', ['d1', 'd2'])),
      at(ev('DocumentProcessed', { jobId: 'p1', documentId: 'd1' })),
      at(ev('DocumentProcessed', { jobId: 'p1', documentId: 'd2' })),
    ];
    const once = foldAll([events]);
    expect(foldAll([events.slice(0, 2), events, events.slice(1), events])).toEqual(once);
    expect(once[0]!.processed).toBe(2);
  });

  it('ignores events for unknown jobs and events from another firm', () => {
    const rows = foldAll([[
      at(ev('DocumentProcessed', { jobId: 'nope', documentId: 'd1' })),
      at(started('p1', ['d1'])),
      at(ev('DocumentFailed', { jobId: 'p1', documentId: 'd1' }), 'firm-2'),
    ]]);
    expect(rows.map((r) => [r.jobId, r.failed])).toEqual([['p1', 0]]);
  });
});
