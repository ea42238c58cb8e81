import { readLoggedEvent, type CurrentEventData } from '@sf/contracts';
import type { EventContext } from '../events/position';
import {
  asProcessingJobEvent,
  type ProcessingJobEvent,
  type ProcessingJobEventType,
} from '../events/processing-job-events';
import { foldJobSnapshotBatch, type JobSnapshotInput } from './job-snapshot-fold';
import type { JobSnapshotRow } from './job-snapshot-row';

let n = 0;
let m = 0;
const ev = <K extends ProcessingJobEventType>(type: K, data: CurrentEventData[K]): ProcessingJobEvent => {
  m += 1;
  const read = asProcessingJobEvent(
    readLoggedEvent({
      eventId: `00000000-0000-4000-8000-${String(m).padStart(12, '0')}`,
      type,
      version: 1,
      data,
      metadata: { firmId: 'firm-1', correlationId: 'c', causationId: null, occurredAt: '2026-11-23T08:00:00.000Z' },
      streamId: `processing-job-${data.jobId}`,
      streamPosition: m,
      globalPosition: String(m),
      transactionId: '9',
    }),
  );
  if (read === null) throw new Error(`fixture ${type} is not a processing-job event`);
  return read;
};

const at = (event: ProcessingJobEvent, firmId = 'firm-1'): JobSnapshotInput => {
  n += 1;
  const ctx: EventContext = {
    firmId,
    occurredAt: new Date(Date.UTC(2026, 10, 23, 8, 0, n)).toISOString(),
    position: { txId: 9n, position: BigInt(n) },
  };
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
  beforeEach(() => {
    n = 0;
  });

  it('counts a document once, with its first outcome, and ignores documents outside the snapshot', () => {
    const [row] = foldAll([
      [
        at(started('p1', ['d1', 'd2'])),
        at(
          ev('DocumentProcessed', {
            jobId: 'p1',
            documentId: 'd1',
            sha256: '0'.repeat(64),
            size: 1,
            contentType: 'text/plain',
          }),
        ),
      ],
      [
        at(ev('DocumentFailed', { jobId: 'p1', documentId: 'd1', reason: 'r' })),
        at(ev('DocumentSkipped', { jobId: 'p1', documentId: 'd9', reason: 'r' })),
      ],
    ]);
    expect(row).toMatchObject({ total: 2, processed: 1, skipped: 0, failed: 0, outcomes: { d1: 'processed' } });
  });

  it('freezes the document list and counts outcomes per document event', () => {
    const [row] = foldAll([
      [
        at(started('p1', ['d1', 'd2', 'd3', 'd4'])),
        at(
          ev('DocumentProcessed', {
            jobId: 'p1',
            documentId: 'd1',
            sha256: '0'.repeat(64),
            size: 1,
            contentType: 'text/plain',
          }),
        ),
        at(ev('DocumentSkipped', { jobId: 'p1', documentId: 'd2', reason: 'r' })),
        at(ev('DocumentFailed', { jobId: 'p1', documentId: 'd3', reason: 'r' })),
        at(
          ev('DocumentProcessed', {
            jobId: 'p1',
            documentId: 'd4',
            sha256: '0'.repeat(64),
            size: 1,
            contentType: 'text/plain',
          }),
        ),
      ],
    ]);
    expect(row).toEqual({
      jobId: 'p1',
      firmId: 'firm-1',
      matterId: 'm-1',
      folderId: 'f-1',
      documentIds: ['d1', 'd2', 'd3', 'd4'],
      status: 'running',
      outcomes: { d1: 'processed', d2: 'skipped', d3: 'failed', d4: 'processed' },
      total: 4,
      processed: 2,
      skipped: 1,
      failed: 1,
      createdAt: '2026-11-23T08:00:01.000Z',
      updatedAt: '2026-11-23T08:00:05.000Z',
      lastPosition: { txId: 9n, position: 5n },
    });
  });

  it('completes with the final counts of the job, and marks cancellation', () => {
    const rows = foldAll([
      [
        at(started('p1', ['d1'])),
        at(
          ev('DocumentProcessed', {
            jobId: 'p1',
            documentId: 'd1',
            sha256: '0'.repeat(64),
            size: 1,
            contentType: 'text/plain',
          }),
        ),
        at(ev('JobCompleted', { jobId: 'p1', processed: 1, skipped: 0, failed: 0 })),
        at(started('p2', ['d1', 'd2'])),
        at(ev('JobCancelled', { jobId: 'p2', reason: 'user' })),
        at(ev('DocumentSkipped', { jobId: 'p2', documentId: 'd1', reason: 'r' })),
      ],
    ]);
    expect(rows.map((r) => [r.jobId, r.status, r.processed, r.skipped])).toEqual([
      ['p1', 'completed', 1, 0],
      ['p2', 'cancelled', 0, 1],
    ]);
  });

  it('does not double count when a batch is replayed, whatever the batch boundaries', () => {
    const events = [
      at(started('p1', ['d1', 'd2'])),
      at(
        ev('DocumentProcessed', {
          jobId: 'p1',
          documentId: 'd1',
          sha256: '0'.repeat(64),
          size: 1,
          contentType: 'text/plain',
        }),
      ),
      at(
        ev('DocumentProcessed', {
          jobId: 'p1',
          documentId: 'd2',
          sha256: '0'.repeat(64),
          size: 1,
          contentType: 'text/plain',
        }),
      ),
    ];
    const once = foldAll([events]);
    expect(foldAll([events.slice(0, 2), events, events.slice(1), events])).toEqual(once);
    expect(once[0]!.processed).toBe(2);
  });

  it('ignores events for unknown jobs and events from another firm', () => {
    const rows = foldAll([
      [
        at(
          ev('DocumentProcessed', {
            jobId: 'nope',
            documentId: 'd1',
            sha256: '0'.repeat(64),
            size: 1,
            contentType: 'text/plain',
          }),
        ),
        at(started('p1', ['d1'])),
        at(ev('DocumentFailed', { jobId: 'p1', documentId: 'd1', reason: 'r' }), 'firm-2'),
      ],
    ]);
    expect(rows.map((r) => [r.jobId, r.failed])).toEqual([['p1', 0]]);
  });
});
