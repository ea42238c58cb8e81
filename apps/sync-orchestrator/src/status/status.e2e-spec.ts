import { SyncScope } from '@sf/sync-jobs';
import { uniqueName } from '@sf/testing';
import { bearer, call, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm, finishJob, project } from '../testing/orchestrator-fixtures';
import { fetchPages, matterRecord, projectMirror } from '../testing/mirror-fixtures';

type Json = Record<string, unknown>;

describe('firm status, user status and the sync-job list (e2e: HTTP, real Postgres and NATS)', () => {
  let kit: E2eKit;
  let url: string;
  const firm = uniqueName('firm');
  const other = uniqueName('firm_other');
  const get = (path: string, f = firm) => call(url, 'GET', path, bearer(f, 'user-7'));

  beforeAll(async () => {
    kit = await startE2eKit();
    url = kit.orchestrator.url;
    for (const f of [firm, other]) await connectFirm(kit.t.db, f);
    await project(kit.t.db);
  });
  afterAll(async () => kit?.close());

  it('shows a connected firm that never synced: healthy connection, webhooks off, can sync now, nothing mirrored', async () => {
    const s = await get('/sync-status');
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({
      firmId: firm,
      state: 'idle',
      canSyncNow: true,
      message: 'Sync started',
      connection: { status: 'active', healthy: true, region: 'us' },
      webhooks: { state: 'off' },
      activeJob: null,
      lastJob: null,
      availableFeatures: [],
      heldSweeps: 0,
    });
    const types = s.body['entityTypes'] as Json[];
    expect(types.map((t) => t['entityType'])).toEqual(expect.arrayContaining(['matters', 'documents', 'users']));
    expect(types.every((t) => t['state'] === 'not_synced' && t['mirrored'] === 0)).toBe(true);
    const me = await get('/sync-status/me');
    expect(me.body).toMatchObject({
      userId: 'user-7',
      firmId: firm,
      status: { canSyncNow: true },
      actions: {
        syncNow: { allowed: true },
        stop: { allowed: false, reason: 'no_active_job' },
        reconnect: { allowed: false },
      },
    });
  });

  it('shows the running job, why "Sync now" is refused, what the user may do, and counts of the mirror', async () => {
    const started = await call(url, 'POST', `/firms/${firm}/sync`, bearer(firm), {});
    expect(started.status).toBe(202);
    const jobId = String(started.body['jobId']);
    await project(kit.t.db);
    await fetchPages(kit.t.db, firm, { matters: [matterRecord(1), matterRecord(2)] }, new Date(), jobId);
    // Both read models up to the page: the job's state (running once a page is in) and the mirror's counts.
    await project(kit.t.db);
    await projectMirror(kit.t.db);

    const s = await get('/sync-status');
    expect(s.body).toMatchObject({
      state: 'syncing',
      canSyncNow: false,
      unavailableReason: 'already_syncing',
      message: 'Sync in progress',
      activeJob: { jobId, scope: { kind: 'firm' }, trigger: 'manual', state: 'running' },
      lastJob: { jobId },
    });
    const matters = (s.body['entityTypes'] as Json[]).find((t) => t['entityType'] === 'matters');
    expect(matters).toMatchObject({ mirrored: 2, deleted: 0, state: 'synced' });
    expect(typeof matters?.['lastSyncedAt']).toBe('string');

    const me = await get('/sync-status/me');
    expect(me.body).toMatchObject({
      actions: {
        syncNow: { allowed: false, reason: 'already_syncing', message: 'Sync in progress' },
        stop: { allowed: true },
        resume: { allowed: false, reason: 'not_paused' },
        cancel: { allowed: true },
      },
    });

    // Another firm sees none of it.
    expect((await get('/sync-status', other)).body).toMatchObject({ activeJob: null, canSyncNow: true });
    expect((await get('/sync-jobs', other)).body).toEqual({ items: [], next: null });
  });

  it("lists the firm's jobs newest first, filtered by state, trigger and scope, keyset-paged", async () => {
    const firmJob = ((await get('/sync-jobs')).body['items'] as Json[])[0]!['jobId'] as string;
    await finishJob(kit.t.db, firm, firmJob, SyncScope.firm(), new Date());
    const matterJob = await call(url, 'POST', '/matters/1/sync', bearer(firm), {});
    expect(matterJob.status).toBe(202);
    await project(kit.t.db);

    const all = await get('/sync-jobs');
    expect((all.body['items'] as Json[]).map((j) => j['jobId'])).toEqual([matterJob.body['jobId'], firmJob]);
    const ids = async (q: string) => ((await get(`/sync-jobs${q}`)).body['items'] as Json[]).map((j) => j['jobId']);
    expect(await ids('?state=completed')).toEqual([firmJob]);
    expect(await ids('?state=requested&scope=matter')).toEqual([matterJob.body['jobId']]);
    expect(await ids('?trigger=first_login')).toEqual([]);
    const p1 = await get('/sync-jobs?limit=1');
    expect(typeof p1.body['next']).toBe('string');
    expect(await ids(`?limit=1&cursor=${String(p1.body['next'])}`)).toEqual([firmJob]);

    const s = await get('/sync-status');
    expect(s.body).toMatchObject({ activeJob: null, lastJob: { jobId: firmJob, state: 'completed' } });
    expect(s.body['availableFeatures']).toEqual(expect.arrayContaining(['matters', 'documents', 'billing']));
  });

  it('answers 400 naming the parameter, and 304 to If-None-Match', async () => {
    for (const [path, field] of [
      ['/sync-jobs?state=done', 'state'],
      ['/sync-jobs?trigger=cron', 'trigger'],
      ['/sync-jobs?scope=all', 'scope'],
      ['/sync-jobs?limit=500', 'limit'],
      ['/sync-status?x=1', 'x'],
    ] as const) {
      const r = await get(path);
      expect({ path, status: r.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(r.body)).toContain(field);
    }
    const first = await fetch(`${url}/sync-jobs`, { headers: { authorization: bearer(firm) } });
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await fetch(`${url}/sync-jobs`, { headers: { authorization: bearer(firm), 'if-none-match': tag! } });
    expect(again.status).toBe(304);
  });
});
