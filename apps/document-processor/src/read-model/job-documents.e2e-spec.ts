import { signJwt } from '@sf/http-auth';
import { LogPosition } from '@sf/event-store';
import { catchUp } from '@sf/projections';
import { waitFor } from '@sf/testing';
import { pruneFinishedWork, WORK_RETENTION_DEFAULTS } from '@sf/work-queue';
import { sql } from 'kysely';
import type { Processor } from '../start-processor';
import { ProcessorHarness, TEST_JWT_SECRET } from '../testing/processor-harness';
import { processingJobQueue } from '../work/processing-job-queue';
import { processedDocumentsProjection } from './processed-documents.projection';

describe('GET /jobs/{id}/documents (e2e: the processor processes a job, the projection catches up, HTTP lists it)', () => {
  let h: ProcessorHarness;
  let processor: Processor;
  beforeAll(async () => {
    h = await ProcessorHarness.start();
    processor = await h.startProcessor();
  });
  afterAll(async () => h?.close());

  const get = async (path: string, firmId = h.firmId): Promise<{ status: number; body: Record<string, unknown> }> => {
    const token = signJwt(
      { sub: 'user-1', firm_id: firmId, exp: Math.floor(Date.now() / 1000) + 600 },
      { alg: 'HS256', secret: TEST_JWT_SECRET },
    );
    const res = await fetch(`${processor.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("lists the job's processed documents in document id order, paged, with their SHA-256; 404 for another firm", async () => {
    const docs = await h.mirrorDocuments(3);
    const deleted = String(docs[1]!.id);
    await h.softDeleteInMirror(deleted);
    const jobId = await h.startJob(docs.map((d) => String(d.id)));
    const events = await waitFor(
      () => h.events(jobId),
      (es) => es.some((e) => e.type === 'JobCompleted'),
      { description: `job ${jobId} completed`, timeoutMs: 30_000 },
    );
    await catchUp(h.t.db, processedDocumentsProjection, { until: LogPosition.of(events.at(-1)!) });

    const processed = docs
      .filter((d) => String(d.id) !== deleted)
      .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    const expected = await Promise.all(
      processed.map(async (d) => ({
        documentId: String(d.id),
        sha256: await h.expectedSha256(d),
        size: d.size,
        contentType: d.content_type,
      })),
    );
    const all = await get(`/jobs/${jobId}/documents`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ items: expected, next: null });

    const first = await get(`/jobs/${jobId}/documents?limit=1`);
    expect(first.body).toMatchObject({ items: [expected[0]] });
    const second = await get(`/jobs/${jobId}/documents?limit=1&cursor=${String(first.body['next'])}`);
    expect(second.body).toMatchObject({ items: [expected[1]], next: null });

    expect((await get(`/jobs/${jobId}/documents`, 'another_firm')).status).toBe(404);
    const bad = await get(`/jobs/${jobId}/documents?limit=500`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
  });

  it('answers for a finished job after its queue row is pruned while it lists documents; a job with none is then a 404', async () => {
    const [doc, gone] = await h.mirrorDocuments(2);
    await h.softDeleteInMirror(String(gone!.id));
    const withDocs = await h.startJob([String(doc!.id)]);
    const withNone = await h.startJob([String(gone!.id)]);
    let last = LogPosition.start;
    for (const jobId of [withDocs, withNone]) {
      const events = await waitFor(
        () => h.events(jobId),
        (es) => es.some((e) => e.type === 'JobCompleted'),
        { description: `job ${jobId} completed`, timeoutMs: 30_000 },
      );
      last = LogPosition.max(last, LogPosition.of(events.at(-1)!));
    }
    await catchUp(h.t.db, processedDocumentsProjection, { until: last });
    expect(await get(`/jobs/${withNone}/documents`)).toMatchObject({ status: 200, body: { items: [], next: null } });

    await sql`update work_queue set updated_at = now() - interval '40 days' where job_id in (${withDocs}, ${withNone})`.execute(
      h.t.db,
    );
    expect(await pruneFinishedWork(h.t.db, processingJobQueue.name, WORK_RETENTION_DEFAULTS.horizonMs)).toBe(2);

    const listed = await get(`/jobs/${withDocs}/documents`);
    expect(listed.status).toBe(200);
    expect((listed.body['items'] as { documentId: string }[]).map((d) => d.documentId)).toEqual([String(doc!.id)]);
    expect((await get(`/jobs/${withDocs}/documents`, 'another_firm')).status).toBe(404);
    expect((await get(`/jobs/${withNone}/documents`)).status).toBe(404);
  });
});
