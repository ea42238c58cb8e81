import { randomUUID } from 'node:crypto';
import { newEvent, StreamTypes, streamIds, type CurrentEventData, type NewEvent } from '@sf/contracts';
import { appendToStream, LogPosition } from '@sf/event-store';
import { catchUp, rebuildProjection } from '@sf/projections';
import { createTestDatabase, projectionSpec, uniqueName, type TestDatabase } from '@sf/testing';
import { processedDocumentsProjection } from './processed-documents.projection';
import type { ProcessorDb } from '../schema/processor-schema';
import type { ProjectionsTables } from '@sf/projections';

const sha = (c: string): string => c.repeat(64);

const processed = (firmId: string, d: CurrentEventData['DocumentProcessed'], at: string): NewEvent => {
  const e = newEvent({
    eventId: randomUUID(),
    type: 'DocumentProcessed',
    data: d,
    metadata: { firmId, correlationId: 'corr', causationId: null, occurredAt: at },
  });
  if (!e.ok) throw new Error(e.reason);
  return e.value;
};

describe('processed_documents projection', () => {
  let t: TestDatabase<ProcessorDb & ProjectionsTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const rowsOf = (firmId: string) =>
    t.db
      .selectFrom('processed_documents')
      .select(['document_id', 'job_id', 'sha256', 'size', 'content_type', 'processed_at'])
      .where('firm_id', '=', firmId)
      .orderBy('document_id')
      .execute();

  it('keeps the latest outcome per document, event time only, and a rebuild equals the live rows', async () => {
    const firmId = uniqueName('firm');
    const append = async (jobId: string, events: NewEvent[]): Promise<LogPosition> => {
      const r = await appendToStream(
        t.db,
        streamIds.processingJob(`${jobId}-${firmId}`),
        StreamTypes.processingJob,
        'any',
        events,
      );
      if (!r.ok) throw new Error(r.reason);
      return LogPosition.of(r.events.at(-1)!);
    };
    const doc = (jobId: string, documentId: string, c: string, size: number) => ({
      jobId,
      documentId,
      sha256: sha(c),
      size,
      contentType: 'application/pdf',
    });
    await append('pjob-1', [
      processed(firmId, doc('pjob-1', 'd1', 'a', 10), '2026-12-01T10:00:00.000Z'),
      processed(firmId, doc('pjob-1', 'd2', 'b', 20), '2026-12-01T10:00:01.000Z'),
    ]);
    const until = await append('pjob-2', [processed(firmId, doc('pjob-2', 'd1', 'c', 30), '2026-12-01T11:00:00.000Z')]);

    // Live: small batches, so the later job's outcome arrives in a batch of its own. `until`: an open transaction
    // elsewhere on the server may hide the newest events from a plain catch-up for a while.
    await catchUp(t.db, processedDocumentsProjection, { batchSize: 1, until });
    const live = await rowsOf(firmId);
    expect(
      live.map((r) => [r.document_id, r.job_id, r.sha256[0], Number(r.size), r.processed_at.toISOString()]),
    ).toEqual([
      ['d1', 'pjob-2', 'c', 30, '2026-12-01T11:00:00.000Z'],
      ['d2', 'pjob-1', 'b', 20, '2026-12-01T10:00:01.000Z'],
    ]);
    await rebuildProjection(t.db, processedDocumentsProjection, { until });
    expect(await rowsOf(firmId)).toEqual(live);
  });

  it('changes nothing when events are replayed', async () => {
    const firmId = uniqueName('firm');
    const jobId = 'pjob-replay';
    const r = await appendToStream(
      t.db,
      streamIds.processingJob(`${jobId}-${firmId}`),
      StreamTypes.processingJob,
      'no_stream',
      [
        processed(
          firmId,
          { jobId, documentId: 'd9', sha256: sha('e'), size: 5, contentType: 'text/plain' },
          '2026-12-01T12:00:00.000Z',
        ),
      ],
    );
    if (!r.ok) throw new Error(r.reason);
    await projectionSpec(t.db, processedDocumentsProjection)
      .given([])
      .when(r.events)
      .then(
        (trx) =>
          trx
            .selectFrom('processed_documents')
            .select(['document_id', 'sha256'])
            .where('firm_id', '=', firmId)
            .execute(),
        [{ document_id: 'd9', sha256: sha('e') }],
        { times: 2 },
      );
  });
});
