import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { readLoggedEvent, streamIds, StreamTypes, type RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, readStream } from '@sf/event-store';
import type { MessageContext } from '@sf/messaging';
import { projectionByName } from '@sf/sync-read-models';
import { catchUp } from '@sf/projections';
import { SyncScope } from '@sf/sync-jobs';
import { uniqueName, waitFor } from '@sf/testing';
import { bearer, call, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm, event, finishJob, lastLogPosition } from '../testing/orchestrator-fixtures';
import { syncDeps } from '../sync/sync-service';
import { syncEndedHandler } from './sync-ended.consumer';
import { SYNC_DID_NOT_COMPLETE } from './waiting-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

// The handler does its work in its own transactions; the consumer's transaction and context are not used.
const UNUSED_TRX = {} as Transaction<OrchestratorDb>;
const UNUSED_CTX = {} as MessageContext;

/** Mirror rows as the Clio mirror projection writes them (documents and folders keep matter and parent). */
const mirrorRow = (firmId: string, id: string, matterId: string, parentId: string | null, deleted = false) => ({
  firm_id: firmId,
  id,
  etag: 'e1',
  created_at: null,
  updated_at: null,
  data: JSON.stringify({ id }),
  is_soft_deleted: deleted,
  deleted_at: null,
  last_job_id: null,
  restored_by_job: null,
  last_tx_id: '1',
  last_global_position: '1',
  matter_id: matterId,
  parent_id: parentId,
});
const addDocs = (
  db: Executor<OrchestratorDb>,
  firmId: string,
  matterId: string,
  parentId: string,
  ids: string[],
  deleted = false,
) =>
  db
    .insertInto('clio_documents')
    .values(ids.map((id) => mirrorRow(firmId, id, matterId, parentId, deleted)))
    .execute();
const softDelete = (db: Executor<OrchestratorDb>, firmId: string, id: string) =>
  db
    .updateTable('clio_documents')
    .set({ is_soft_deleted: true })
    .where('firm_id', '=', firmId)
    .where('id', '=', id)
    .execute();

describe('processing jobs over frozen snapshots (e2e: HTTP, real Postgres and NATS)', () => {
  let kit: E2eKit;
  let url: string;
  const firm = uniqueName('firm');
  const other = uniqueName('firm_other');
  const MATTER = '7001';

  const snapshotIds = async (jobId: string): Promise<string[]> => {
    const started = (await readStream(kit.t.db, streamIds.processingJob(jobId))).filter((e) => e.type === 'JobStarted');
    expect(started).toHaveLength(1);
    return (started[0]!.data as { documentIds: string[] }).documentIds;
  };
  const finishSync = (jobId: string, scope: SyncScope) => finishJob(kit.t.db, firm, jobId, scope, new Date());

  beforeAll(async () => {
    kit = await startE2eKit();
    url = kit.orchestrator.url;
    for (const f of [firm, other]) await connectFirm(kit.t.db, f);
    await waitFor(
      () => kit.t.db.selectFrom('firm_connections').select('firm_id').where('firm_id', 'in', [firm, other]).execute(),
      (r) => r.length === 2,
    );
    const { matter_id: _m, parent_id: _p, ...matterRow } = mirrorRow(firm, MATTER, MATTER, null);
    await kit.t.db.insertInto('clio_matters').values(matterRow).execute();
    // Folder tree: root > sub > deep; a deleted folder under root whose documents never count.
    await kit.t.db
      .insertInto('clio_folders')
      .values([
        mirrorRow(firm, 'root', MATTER, null),
        mirrorRow(firm, 'sub', MATTER, 'root'),
        mirrorRow(firm, 'deep', MATTER, 'sub'),
        mirrorRow(firm, 'gone', MATTER, 'root', true),
      ])
      .execute();
    await addDocs(kit.t.db, firm, MATTER, 'root', ['d1', 'd2']);
    await addDocs(kit.t.db, firm, MATTER, 'root', ['d3'], true);
    await addDocs(kit.t.db, firm, MATTER, 'sub', ['d4']);
    await addDocs(kit.t.db, firm, MATTER, 'deep', ['d5']);
    await addDocs(kit.t.db, firm, MATTER, 'gone', ['d6']);
  });
  afterAll(async () => kit?.close());

  it('counts live documents: direct children by default, the live subtree with include_subfolders, 404 and 400 as usual', async () => {
    const count = (q: string, f = firm) => call(url, 'GET', `/matters/${MATTER}/documents/count${q}`, bearer(f));
    expect(await count('?folder_id=root')).toMatchObject({ status: 200, body: { count: 2 } });
    expect(await count('?folder_id=root&include_subfolders=false')).toMatchObject({ status: 200, body: { count: 2 } });
    expect(await count('?folder_id=root&include_subfolders=true')).toMatchObject({ status: 200, body: { count: 4 } });
    expect(await count('?folder_id=sub&include_subfolders=true')).toMatchObject({ status: 200, body: { count: 2 } });
    expect(await count('')).toMatchObject({ status: 200, body: { count: 5 } });
    expect((await count('?folder_id=root', other)).status).toBe(404);
    expect((await call(url, 'GET', '/matters/999999/documents/count', bearer(firm))).status).toBe(404);
    const bad = await count('?folder_id=root&include_subfolders=yes');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('include_subfolders');
  });

  it('validates the body: unknown and malformed fields are a 400 naming the field', async () => {
    const extra = await call(url, 'POST', '/jobs', bearer(firm), { matterId: MATTER, colour: 'red' });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain('colour');
    const missing = await call(url, 'POST', '/jobs', bearer(firm), { folderId: 'root' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('matterId');
    expect((await call(url, 'POST', '/jobs', bearer(other), { matterId: MATTER })).status).toBe(404);
  });

  /** The fetcher's completion, then what the SyncJobCompleted consumer does with it (its handler, called directly). */
  const completeSync = async (syncJobId: string, scope: SyncScope): Promise<RecordedEvent> => {
    await finishSync(syncJobId, scope);
    const completed = (await readStream(kit.t.db, streamIds.syncScope(firm, scope))).at(-1)!;
    expect(completed.type).toBe('SyncJobCompleted');
    expect(await syncEndedHandler(syncDeps(kit.t.db))(readLoggedEvent(completed), UNUSED_TRX, UNUSED_CTX)).toEqual({
      kind: 'ack',
    });
    return completed;
  };

  it('runs the race table: never synced -> sync first; process while syncing -> 409; then a frozen snapshot whatever syncs and changes follow', async () => {
    // Never synced: a process_click sync is requested and the job waits for it.
    const first = await call(url, 'POST', '/jobs', bearer(firm), { matterId: MATTER, folderId: 'root' });
    expect(first).toMatchObject({ status: 202, body: { status: 'waiting_for_sync' } });
    const [jobId, syncJobId] = [first.body['jobId'] as string, first.body['syncJobId'] as string];
    const requested = await readStream(kit.t.db, streamIds.syncScope(firm, SyncScope.matter(MATTER)));
    expect(
      requested.map((e) => [e.type, (e.data as { trigger: string }).trigger, (e.data as { jobId: string }).jobId]),
    ).toEqual([['SyncRequested', 'process_click', syncJobId]]);
    expect(await call(url, 'GET', `/jobs/${jobId}`, bearer(firm))).toMatchObject({
      status: 200,
      body: { jobId, status: 'waiting_for_sync', total: 0 },
    });

    // Process while syncing: refused with the covering sync's id.
    const busy = await call(url, 'POST', '/jobs', bearer(firm), { matterId: MATTER, folderId: 'root' });
    expect(busy).toMatchObject({
      status: 409,
      body: { message: 'Sync in progress', reason: 'sync_in_progress', syncJobId },
    });

    // The count shown, then the documents change: the job freezes what is live when its sync completes.
    expect((await call(url, 'GET', `/matters/${MATTER}/documents/count?folder_id=root`, bearer(firm))).body).toEqual({
      count: 2,
    });
    await addDocs(kit.t.db, firm, MATTER, 'root', ['d7']);
    await softDelete(kit.t.db, firm, 'd1');
    const completed = await completeSync(syncJobId, SyncScope.matter(MATTER));
    expect(await snapshotIds(jobId)).toEqual(['d2', 'd7']);
    // A redelivered completion starts nothing twice.
    expect(await syncEndedHandler(syncDeps(kit.t.db))(readLoggedEvent(completed), UNUSED_TRX, UNUSED_CTX)).toEqual({
      kind: 'ack',
    });
    expect((await readStream(kit.t.db, streamIds.processingJob(jobId))).map((e) => e.type)).toEqual([
      'ProcessingJobRequested',
      'JobStarted',
    ]);

    // Synced now: the next job starts at once over the live documents at that instant.
    await addDocs(kit.t.db, firm, MATTER, 'root', ['d9']);
    const direct = await call(url, 'POST', '/jobs', bearer(firm), { matterId: MATTER, folderId: 'root' });
    expect(direct).toMatchObject({ status: 201, body: { documentCount: 3 } });
    expect(await snapshotIds(direct.body['jobId'] as string)).toEqual(['d2', 'd7', 'd9']);

    // Sync while processing: allowed; the mirror changes under it; the jobs' snapshots do not.
    const sync = await call(url, 'POST', `/matters/${MATTER}/sync`, bearer(firm), {});
    expect(sync.status).toBe(202);
    await softDelete(kit.t.db, firm, 'd2');
    await addDocs(kit.t.db, firm, MATTER, 'root', ['d8']);
    await completeSync(sync.body['jobId'] as string, SyncScope.matter(MATTER));
    expect(await snapshotIds(jobId)).toEqual(['d2', 'd7']);
    expect(await snapshotIds(direct.body['jobId'] as string)).toEqual(['d2', 'd7', 'd9']);
    const view = await call(url, 'GET', `/jobs/${jobId}`, bearer(firm));
    expect(view).toMatchObject({
      status: 200,
      body: {
        jobId,
        matterId: MATTER,
        folderId: 'root',
        status: 'running',
        total: 2,
        processed: 0,
        skipped: 0,
        failed: 0,
        progress: 0,
      },
    });
    const until = await lastLogPosition(kit.t.db);
    await catchUp(kit.t.db, projectionByName('job_snapshots')!, until ? { until } : {});
    const row = await kit.t.db
      .selectFrom('job_snapshots')
      .select(['document_ids', 'total', 'firm_id'])
      .where('job_id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ document_ids: ['d2', 'd7'], total: 2, firm_id: firm });
  });

  it('a job cancelled while waiting stays cancelled when its sync completes', async () => {
    const matter = '7002';
    const { matter_id: _m, parent_id: _p, ...matterRow } = mirrorRow(firm, matter, matter, null);
    await kit.t.db.insertInto('clio_matters').values(matterRow).execute();
    const first = await call(url, 'POST', '/jobs', bearer(firm), { matterId: matter });
    expect(first.status).toBe(202);
    const jobId = first.body['jobId'] as string;
    expect((await call(url, 'POST', `/jobs/${jobId}/cancel`, bearer(firm), {})).status).toBe(200);
    await completeSync(first.body['syncJobId'] as string, SyncScope.matter(matter));
    expect((await readStream(kit.t.db, streamIds.processingJob(jobId))).map((e) => e.type)).toEqual([
      'ProcessingJobRequested',
      'JobCancelled',
    ]);
    expect((await call(url, 'GET', `/jobs/${jobId}`, bearer(firm))).body).toMatchObject({ status: 'cancelled' });
  });

  it('a job waiting for a sync that fails is cancelled; the next POST /jobs asks for a new sync', async () => {
    const matter = '7003';
    const { matter_id: _m, parent_id: _p, ...matterRow } = mirrorRow(firm, matter, matter, null);
    await kit.t.db.insertInto('clio_matters').values(matterRow).execute();
    const first = await call(url, 'POST', '/jobs', bearer(firm), { matterId: matter });
    expect(first.status).toBe(202);
    const [jobId, syncJobId] = [first.body['jobId'] as string, first.body['syncJobId'] as string];
    const scope = SyncScope.matter(matter);
    const failed = event(firm, 'SyncJobFailed', {
      jobId: syncJobId,
      scope,
      code: 'clio_unauthorized',
      reason: 'Clio rejected the connection',
    });
    const r = await appendToStream(kit.t.db, streamIds.syncScope(firm, scope), StreamTypes.syncScope, 'stream_exists', [
      failed,
    ]);
    expect(r.ok).toBe(true);
    const recorded = (await readStream(kit.t.db, streamIds.syncScope(firm, scope))).at(-1)!;
    for (let i = 0; i < 2; i++)
      expect(await syncEndedHandler(syncDeps(kit.t.db))(readLoggedEvent(recorded), UNUSED_TRX, UNUSED_CTX)).toEqual({
        kind: 'ack',
      });
    const events = await readStream(kit.t.db, streamIds.processingJob(jobId));
    expect(events.map((e) => [e.type, (e.data as { reason?: string }).reason])).toEqual([
      ['ProcessingJobRequested', undefined],
      ['JobCancelled', SYNC_DID_NOT_COMPLETE],
    ]);
    const again = await call(url, 'POST', '/jobs', bearer(firm), { matterId: matter });
    expect(again).toMatchObject({ status: 202, body: { status: 'waiting_for_sync' } });
    expect(again.body['syncJobId']).not.toBe(syncJobId);
  });

  it('refuses processing while a firm-wide sync covers the matter', async () => {
    const firmSync = await kit.orchestrator.service.request({
      firmId: firm,
      scope: SyncScope.firm(),
      trigger: 'manual',
      requestedBy: 'user-1',
    });
    expect(firmSync.jobId).not.toBeNull();
    const busy = await call(url, 'POST', '/jobs', bearer(firm), { matterId: MATTER });
    expect(busy).toMatchObject({ status: 409, body: { reason: 'sync_in_progress', syncJobId: firmSync.jobId } });
    await finishSync(firmSync.jobId!, SyncScope.firm());
    const whole = await call(url, 'POST', '/jobs', bearer(firm), { matterId: MATTER, folderId: null });
    expect(whole.status).toBe(201);
    expect(whole.body['documentCount']).toBe(
      (await call(url, 'GET', `/matters/${MATTER}/documents/count`, bearer(firm))).body['count'],
    );
  });

  it('cancels a running job once (JobCancelled at the version read), 409 after, 404 for another firm or a missing job', async () => {
    const created = await call(url, 'POST', '/jobs', bearer(firm), {
      matterId: MATTER,
      folderId: 'sub',
      includeSubfolders: true,
    });
    expect(created).toMatchObject({ status: 201, body: { documentCount: 2 } });
    const jobId = created.body['jobId'] as string;
    expect((await call(url, 'GET', `/jobs/${jobId}`, bearer(other))).status).toBe(404);
    expect((await call(url, 'POST', `/jobs/${jobId}/cancel`, bearer(other), {})).status).toBe(404);
    expect((await call(url, 'GET', `/jobs/${randomUUID()}`, bearer(firm))).status).toBe(404);
    expect(await call(url, 'POST', `/jobs/${jobId}/cancel`, bearer(firm), { reason: 'Changed my mind' })).toMatchObject(
      { status: 200, body: { jobId, status: 'cancelled' } },
    );
    expect(await call(url, 'POST', `/jobs/${jobId}/cancel`, bearer(firm), {})).toMatchObject({
      status: 409,
      body: { reason: 'already_finished' },
    });
    expect((await call(url, 'GET', `/jobs/${jobId}`, bearer(firm))).body).toMatchObject({
      status: 'cancelled',
      total: 2,
    });
    expect((await readStream(kit.t.db, streamIds.processingJob(jobId))).map((e) => e.type)).toEqual([
      'JobStarted',
      'JobCancelled',
    ]);
  });
});
