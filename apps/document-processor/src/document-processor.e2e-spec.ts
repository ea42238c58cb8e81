import { sql } from 'kysely';
import { waitFor } from '@sf/testing';
import { StreamTypes, streamIds } from '@sf/contracts';
import { appendToStream, LogPosition } from '@sf/event-store';
import { catchUp } from '@sf/projections';
import { jobEvent } from './job/job-events';
import { processedDocumentsProjection } from './read-model/processed-documents.projection';
import type { ProcessingStep } from './steps/processing-step';
import type { Processor } from './start-processor';
import { ProcessorHarness } from './testing/processor-harness';
import { processingJobQueue } from './work/processing-job-queue';

const untilAborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );

/**
 * The pluggable second step: records every call with the facts of the step before it; fails the ids in `failing`;
 * holds the ids in `held` until the job stops.
 */
const recordingStep = (
  calls: Array<{ jobId: string; documentId: string; sha256: string | undefined }>,
  failing: Set<string>,
  held: Set<string>,
): ProcessingStep => ({
  name: 'record',
  process: async (doc, ctx) => {
    calls.push({ jobId: doc.jobId, documentId: doc.documentId, sha256: ctx.facts.sha256 });
    if (held.has(doc.documentId)) await untilAborted(ctx.signal);
    return failing.has(doc.documentId)
      ? { ok: false, retryable: true, reason: 'simulated transient failure' }
      : { ok: true };
  },
});

const completed = (h: ProcessorHarness, jobId: string) =>
  waitFor(
    () => h.events(jobId),
    (es) => es.some((e) => e.type === 'JobCompleted'),
    { description: `job ${jobId} completed`, timeoutMs: 30_000 },
  );

const outcomesByDoc = (events: Array<{ type: string; data: unknown }>): Map<string, string[]> => {
  const m = new Map<string, string[]>();
  for (const e of events) {
    const id = (e.data as { documentId?: string }).documentId;
    if (id !== undefined) m.set(id, [...(m.get(id) ?? []), e.type]);
  }
  return m;
};

describe('document-processor (real Postgres + NATS, simulator in-process)', () => {
  let h: ProcessorHarness;
  const calls: Array<{ jobId: string; documentId: string; sha256: string | undefined }> = [];
  const failing = new Set<string>();
  const held = new Set<string>();
  let processor: Processor;

  beforeAll(async () => {
    h = await ProcessorHarness.start();
    processor = await h.startProcessor({ extraSteps: [recordingStep(calls, failing, held)], maxAttempts: 3 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('processes each snapshot document exactly once with the right SHA-256, skips one deleted in the mirror, fails one that keeps failing', async () => {
    const docs = await h.mirrorDocuments(10);
    const [deleted, broken] = [String(docs[3]?.id), String(docs[6]?.id)];
    await h.softDeleteInMirror(deleted);
    failing.add(broken);
    const jobId = await h.startJob(docs.map((d) => String(d.id)));

    const events = await completed(h, jobId);
    const byDoc = outcomesByDoc(events);
    expect([...byDoc.keys()].sort()).toEqual(docs.map((d) => String(d.id)).sort());
    for (const [id, types] of byDoc) {
      expect(types).toEqual([
        id === deleted ? 'DocumentSkipped' : id === broken ? 'DocumentFailed' : 'DocumentProcessed',
      ]);
    }
    expect(events.find((e) => e.type === 'DocumentSkipped')?.data).toMatchObject({ reason: 'deleted in Clio' });
    expect(events.at(-1)?.data).toMatchObject({ processed: 8, skipped: 1, failed: 1 });
    // The seam: the second step ran after the default one (it saw its SHA-256); the failing one was retried 3 times.
    expect(calls.filter((c) => c.jobId === jobId && c.documentId === broken)).toHaveLength(3);
    expect(calls.some((c) => c.jobId === jobId && c.documentId === deleted)).toBe(false);

    // processed_documents is a projection: bring it up to the job's last event (another open transaction on the
    // server could otherwise hide it from a plain catch-up).
    await catchUp(h.t.db, processedDocumentsProjection, { until: LogPosition.of(events.at(-1)!) });
    for (const d of docs.filter((x) => String(x.id) !== deleted && String(x.id) !== broken)) {
      const ev = events.find(
        (e) => e.type === 'DocumentProcessed' && (e.data as { documentId: string }).documentId === String(d.id),
      );
      const want = await h.expectedSha256(d);
      expect(ev?.data).toMatchObject({ sha256: want, size: d.size, contentType: d.content_type });
      expect(calls.filter((c) => c.jobId === jobId && c.documentId === String(d.id)).map((c) => c.sha256)).toEqual([
        want,
      ]);
      const row = await h.t.db
        .selectFrom('processed_documents')
        .selectAll()
        .where('firm_id', '=', h.firmId)
        .where('document_id', '=', String(d.id))
        .executeTakeFirstOrThrow();
      expect({ sha256: row.sha256, size: Number(row.size), job: row.job_id }).toEqual({
        sha256: want,
        size: d.size,
        job: jobId,
      });
    }
  });

  it('resumes a job whose worker died after its lease expires, without reprocessing recorded documents', async () => {
    const docs = await h.mirrorDocuments(6, 10);
    const ids = docs.map((d) => String(d.id));
    const done = ids.slice(0, 2);
    const origin = { firmId: h.firmId, correlationId: 'dead-worker-job' };
    // A processor that recorded two documents and died holding the lease (claimed in the same transaction as the
    // row appears, so the live processor cannot claim it first).
    let jobId = '';
    jobId = await h.startJob(ids, (id) =>
      done.map((documentId) =>
        jobEvent(origin, new Date(), 'DocumentProcessed', {
          jobId: id,
          documentId,
          sha256: '0'.repeat(64),
          size: 1,
          contentType: 'text/plain',
        }),
      ),
    );
    const claimedAt = Date.now();
    const claimed = await h.t.db.transaction().execute(async (trx) => {
      await processingJobQueue.enqueue(trx, {
        jobId,
        firmId: h.firmId,
        correlationId: origin.correlationId,
        requestedAt: new Date().toISOString(),
        payload: {},
      });
      return processingJobQueue.claim(trx, 'dead-worker', 2_000);
    });
    expect(claimed?.item.jobId).toBe(jobId);

    const events = await completed(h, jobId);
    // Nothing was appended by the live processor before the dead worker's lease ran out.
    const resumedAt = (
      await sql<{ at: Date }>`
      select min(recorded_at) as at from es_events where stream_id = ${`processing-job-${jobId}`} and stream_position > 3`.execute(
        h.t.db,
      )
    ).rows[0]?.at;
    expect(resumedAt && resumedAt.getTime() - claimedAt).toBeGreaterThanOrEqual(1_500);
    const byDoc = outcomesByDoc(events);
    for (const id of ids) expect(byDoc.get(id)).toEqual(['DocumentProcessed']);
    for (const id of done) expect(calls.some((c) => c.jobId === jobId && c.documentId === id)).toBe(false);
    for (const id of ids.slice(2))
      expect(calls.filter((c) => c.jobId === jobId && c.documentId === id)).toHaveLength(1);
    expect(events.at(-1)?.data).toMatchObject({ processed: 6, skipped: 0, failed: 0 });
  });

  it('stops a job on JobCancelled: documents in flight are abandoned and the job never completes', async () => {
    const docs = await h.mirrorDocuments(6, 16);
    const ids = docs.map((d) => String(d.id));
    for (const id of ids) held.add(id);
    const jobId = await h.startJob(ids);
    await waitFor(
      async () => calls.filter((c) => c.jobId === jobId).length,
      (n) => n === 4,
      { description: 'four documents in flight' },
    );

    const cancelled = jobEvent({ firmId: h.firmId, correlationId: 'cancel' }, new Date(), 'JobCancelled', {
      jobId,
      reason: 'Stopped by user',
    });
    const r = await appendToStream(h.t.db, streamIds.processingJob(jobId), StreamTypes.processingJob, 1, [cancelled]);
    expect(r.ok).toBe(true);
    await waitFor(
      () => processingJobQueue.read(h.t.db, jobId),
      (w) => w?.status === 'cancelled',
      { description: 'job cancelled in the queue' },
    );
    await waitFor(
      async () => processor.activeJobs(),
      (n) => n === 0,
      { description: 'job stopped' },
    );

    const events = await h.events(jobId);
    expect(events.map((e) => e.type)).toEqual(['JobStarted', 'JobCancelled']);
    expect(calls.filter((c) => c.jobId === jobId)).toHaveLength(4);
  });

  it('serves the public health routes without a token (Postgres and NATS ready)', async () => {
    expect((await fetch(`${processor.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${processor.url}/health/ready`)).status).toBe(200);
  });
});
