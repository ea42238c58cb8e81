import { randomUUID } from 'node:crypto';
import { streamOf, validateNewEvent, type NewEvent } from '@sf/contracts';
import { appendToStream, type LogPosition } from '@sf/event-store';
import { catchUp } from '@sf/projections';
import { projectionByName } from '@sf/sync-read-models';
import { uniqueName } from '@sf/testing';
import { bearer, call, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { event, lastLogPosition } from '../testing/orchestrator-fixtures';

const T0 = Date.UTC(2026, 11, 1, 9);
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

describe('read-model lists (e2e: HTTP, real Postgres and NATS)', () => {
  let kit: E2eKit;
  let url: string;
  const firm = uniqueName('firm');
  const other = uniqueName('firm_other');
  const jobs = { a: randomUUID(), b: randomUUID(), c: randomUUID(), otherFirm: randomUUID() };

  const append = async (e: NewEvent): Promise<void> => {
    const checked = validateNewEvent(e);
    if (!checked.ok) throw new Error(checked.reason);
    const { streamId, streamType } = streamOf(checked.value);
    const r = await appendToStream(kit.t.db, streamId, streamType, 'any', [e]);
    if (!r.ok) throw new Error(r.reason);
  };
  const started = (f: string, jobId: string, matterId: string, minutes: number) =>
    event(f, 'JobStarted', { jobId, matterId, folderId: null, documentIds: ['d1', 'd2'] }, at(minutes));
  const syncRequested = (f: string, matterId: string, minutes: number) =>
    event(
      f,
      'SyncRequested',
      { jobId: randomUUID(), scope: { kind: 'matter', matterId }, trigger: 'manual' },
      at(minutes),
    );

  beforeAll(async () => {
    kit = await startE2eKit();
    url = kit.orchestrator.url;
    await append(started(firm, jobs.a, 'm1', 1));
    await append(started(firm, jobs.b, 'm2', 2));
    await append(started(firm, jobs.c, 'm1', 3));
    await append(event(firm, 'JobCancelled', { jobId: jobs.c, reason: 'Stopped by user' }, at(4)));
    await append(started(other, jobs.otherFirm, 'm1', 5));
    for (const [f, matter] of [
      [firm, 'm1'],
      [firm, 'm2'],
      [firm, 'm3'],
      [other, 'm1'],
    ] as const)
      await append(syncRequested(f, matter, 6));
    const until: LogPosition | undefined = await lastLogPosition(kit.t.db);
    for (const name of ['job_snapshots', 'matter_sync_state'])
      await catchUp(kit.t.db, projectionByName(name)!, until ? { until } : {});
  });
  afterAll(async () => kit?.close());

  const get = (path: string, f = firm) => call(url, 'GET', path, bearer(f));

  it("lists the firm's processing jobs newest first, filtered and paged; never another firm's", async () => {
    const all = await get('/jobs');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      items: [
        { jobId: jobs.c, matterId: 'm1', status: 'cancelled', total: 2, createdAt: at(3).toISOString() },
        { jobId: jobs.b, matterId: 'm2', status: 'running', total: 2, processed: 0 },
        { jobId: jobs.a, matterId: 'm1', status: 'running', folderId: null },
      ],
      next: null,
    });
    const ids = async (q: string) =>
      ((await get(`/jobs${q}`)).body['items'] as { jobId: string }[]).map((j) => j.jobId);
    expect(await ids('?matter_id=m1')).toEqual([jobs.c, jobs.a]);
    expect(await ids('?status=running')).toEqual([jobs.b, jobs.a]);
    expect(await ids('?status=running&matter_id=m2')).toEqual([jobs.b]);
    expect(await ids('')).not.toContain(jobs.otherFirm);

    const first = await get('/jobs?limit=2');
    expect((first.body['items'] as unknown[]).length).toBe(2);
    expect(typeof first.body['next']).toBe('string');
    const second = await get(`/jobs?limit=2&cursor=${String(first.body['next'])}`);
    expect(second.body).toMatchObject({ items: [{ jobId: jobs.a }], next: null });
  });

  it("lists the sync state of the firm's matters in matter order, paged; another firm's list is a 404", async () => {
    const all = await get(`/firms/${firm}/matter-sync-states`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      items: [
        { matterId: 'm1', state: 'syncing', lastSyncedAt: null, progress: { current: 0 } },
        { matterId: 'm2', state: 'syncing' },
        { matterId: 'm3', state: 'syncing' },
      ],
      next: null,
    });
    const page1 = await get(`/firms/${firm}/matter-sync-states?limit=2&state=syncing`);
    expect((page1.body['items'] as { matterId: string }[]).map((m) => m.matterId)).toEqual(['m1', 'm2']);
    const page2 = await get(
      `/firms/${firm}/matter-sync-states?limit=2&state=syncing&cursor=${String(page1.body['next'])}`,
    );
    expect(page2.body).toMatchObject({ items: [{ matterId: 'm3' }], next: null });
    expect((await get(`/firms/${firm}/matter-sync-states?state=idle`)).body).toEqual({ items: [], next: null });
    expect((await get(`/firms/${firm}/matter-sync-states`, other)).status).toBe(404);
  });

  it('answers 400 naming the parameter for a bad limit, cursor or filter, and 401 without a token', async () => {
    for (const [path, field] of [
      ['/jobs?limit=0', 'limit'],
      ['/jobs?limit=101', 'limit'],
      ['/jobs?cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['/jobs?status=done', 'status'],
      ['/jobs?colour=red', 'colour'],
      [`/firms/${firm}/matter-sync-states?state=busy`, 'state'],
      [`/firms/${firm}/matter-sync-states?cursor=%24%24`, 'cursor'],
    ] as const) {
      const r = await get(path);
      expect({ path, status: r.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(r.body)).toContain(field);
    }
    expect((await call(url, 'GET', '/jobs')).status).toBe(401);
    expect((await call(url, 'GET', `/firms/${firm}/matter-sync-states`)).status).toBe(401);
  });
});
