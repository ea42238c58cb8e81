import { randomUUID } from 'node:crypto';
import { streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { clioMirrorProjection } from '@sf/clio-mirror';
import { rebuildProjection } from '@sf/projections';
import { uniqueName } from '@sf/testing';
import { bearer, call, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { event } from '../testing/orchestrator-fixtures';
import { appendJobEvents, documentRecord, fetchPages, projectMirror } from '../testing/mirror-fixtures';

type Json = Record<string, unknown>;

describe('review flows: flagged records and held sweeps (e2e: HTTP, real Postgres and NATS, mirror from the log)', () => {
  let kit: E2eKit;
  let url: string;
  const firm = uniqueName('firm');
  const other = uniqueName('firm_other');
  const jobId = randomUUID();
  const heldA = randomUUID();
  const heldB = randomUUID();
  const get = (path: string, f = firm) => call(url, 'GET', path, bearer(f));
  const post = (path: string, body: unknown, f = firm) => call(url, 'POST', path, bearer(f, 'reviewer-1'), body);
  const held = (eventId: string, ids: string[]) => ({
    ...event(firm, 'RecordsSwept', {
      jobId,
      matterId: '1',
      entityType: 'documents',
      listed: 1,
      softDeletedIds: [],
      restoredIds: [],
      heldForReview: true,
      heldIds: ids,
    }),
    eventId,
  });
  const live = async (): Promise<string[]> =>
    (
      await kit.t.db
        .selectFrom('clio_documents')
        .select('id')
        .where('firm_id', '=', firm)
        .where('is_soft_deleted', '=', false)
        .orderBy('id')
        .execute()
    ).map((r) => r.id);

  beforeAll(async () => {
    kit = await startE2eKit();
    url = kit.orchestrator.url;
    const docs = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => documentRecord(n, 1, 10));
    await fetchPages(kit.t.db, firm, { documents: docs }, new Date(), jobId);
    await appendJobEvents(kit.t.db, jobId, [
      event(firm, 'SyncRecordsFlagged', {
        jobId,
        entityType: 'documents',
        records: [
          { id: '99', reason: 'etag: must be a string' },
          { id: null, reason: 'id: is required' },
        ],
      }),
      held(heldA, ['2', '3', '4', '5', '6', '7']),
      held(heldB, ['8']),
    ]);
    // Document 3 is seen alive again after the hold: the approval must not delete it.
    await fetchPages(kit.t.db, firm, { documents: [documentRecord(3, 1, 10, { etag: '"d3b"' })] });
    await projectMirror(kit.t.db);
  });
  afterAll(async () => kit?.close());

  it("lists the firm's flagged records and held sweeps; another firm sees none", async () => {
    const flagged = await get('/review/flagged-records');
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({
      items: [
        { jobId, entityType: 'documents', recordId: '99', reason: 'etag: must be a string', seq: 0 },
        { recordId: null, reason: 'id: is required', seq: 1 },
      ],
      next: null,
    });
    const p1 = await get('/review/flagged-records?limit=1');
    const p2 = await get(`/review/flagged-records?limit=1&cursor=${String(p1.body['next'])}`);
    expect((p2.body['items'] as Json[])[0]).toMatchObject({ seq: 1 });
    expect((await get('/review/flagged-records?entity_type=matters')).body).toEqual({ items: [], next: null });

    const sweeps = await get('/review/held-sweeps?status=held');
    expect((sweeps.body['items'] as Json[]).map((s) => s['sweepEventId']).sort()).toEqual([heldA, heldB].sort());
    expect((await get(`/review/held-sweeps/${heldA}`)).body).toMatchObject({
      status: 'held',
      heldIds: ['2', '3', '4', '5', '6', '7'],
      entityType: 'documents',
      matterId: '1',
    });
    expect((await get('/review/held-sweeps', other)).body).toEqual({ items: [], next: null });
    expect((await get('/review/flagged-records', other)).body).toEqual({ items: [], next: null });
    expect((await get(`/review/held-sweeps/${heldA}`, other)).status).toBe(404);
    expect((await post(`/review/held-sweeps/${heldA}/approve`, {}, other)).status).toBe(404);
    expect(await readStream(kit.t.db, streamIds.sweepReview(heldA))).toEqual([]);
  });

  it('approval applies exactly the held deletes through the log, sparing a record seen again since; a second decision is a 409', async () => {
    expect(await live()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const r = await post(`/review/held-sweeps/${heldA}/approve`, {});
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ sweepEventId: heldA, decision: 'approved' });
    const stream = await readStream(kit.t.db, streamIds.sweepReview(heldA));
    expect(stream.map((e) => [e.type, e.data])).toEqual([
      [
        'HeldSweepApproved',
        {
          sweepEventId: heldA,
          jobId,
          entityType: 'documents',
          softDeletedIds: ['2', '3', '4', '5', '6', '7'],
          approvedBy: 'reviewer-1',
        },
      ],
    ]);
    await projectMirror(kit.t.db);
    expect(await live()).toEqual(['1', '3', '8']);
    expect((await get(`/review/held-sweeps/${heldA}`)).body).toMatchObject({
      status: 'approved',
      decidedBy: 'reviewer-1',
      appliedIds: ['2', '4', '5', '6', '7'],
    });
    const again = await post(`/review/held-sweeps/${heldA}/reject`, { reason: 'too late' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'already_decided' });
  });

  it('rejection records why and deletes nothing; a reason is required', async () => {
    const missing = await post(`/review/held-sweeps/${heldB}/reject`, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('reason');
    const r = await post(`/review/held-sweeps/${heldB}/reject`, { reason: 'The matter was archived' });
    expect(r.status).toBe(202);
    await projectMirror(kit.t.db);
    expect(await live()).toEqual(['1', '3', '8']);
    expect((await get(`/review/held-sweeps/${heldB}`)).body).toMatchObject({
      status: 'rejected',
      reason: 'The matter was archived',
      decidedBy: 'reviewer-1',
      appliedIds: null,
    });
  });

  it('rebuilds the same mirror and review rows from the log', async () => {
    const snapshot = async () => ({
      docs: await kit.t.db
        .selectFrom('clio_documents')
        .select(['id', 'etag', 'is_soft_deleted', 'last_synced_at', 'last_source', 'last_job_id'])
        .where('firm_id', '=', firm)
        .orderBy('id')
        .execute(),
      sweeps: await kit.t.db
        .selectFrom('clio_held_sweeps')
        .selectAll()
        .where('firm_id', '=', firm)
        .orderBy('sweep_event_id')
        .execute(),
      flagged: await kit.t.db
        .selectFrom('clio_flagged_records')
        .selectAll()
        .where('firm_id', '=', firm)
        .orderBy('seq')
        .execute(),
    });
    const before = await snapshot();
    await rebuildProjection(kit.t.db, clioMirrorProjection);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400 naming the parameter', async () => {
    for (const [path, field] of [
      ['/review/held-sweeps?status=open', 'status'],
      ['/review/held-sweeps/not-a-uuid', 'id'],
      ['/review/flagged-records?job_id=%20', 'job_id'],
      ['/review/flagged-records?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ] as const) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body)).toContain(field);
    }
  });
});
