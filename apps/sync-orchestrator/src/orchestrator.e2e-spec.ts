import { createRelay, type Relay } from '@sf/messaging';
import { clioMirrorProjection } from '@sf/clio-mirror';
import { RpcSubjects, StreamTypes, streamIds, type SyncRequestReply } from '@sf/contracts';
import { appendToStream, LogPosition, readStream } from '@sf/event-store';
import { catchUp } from '@sf/projections';
import { uniqueName, waitFor } from '@sf/testing';
import { bearer, call, startE2eKit, type E2eKit } from './testing/e2e-kit';
import { describeForbidden } from '@sf/sync-policy';
import { connectFirm, event, finishJob, workerAppend } from './testing/orchestrator-fixtures';

describe('sync orchestrator over HTTP and NATS (e2e: NestJS on port 0, real Postgres and NATS)', () => {
  let kit: E2eKit;
  let base: string;
  const A = uniqueName('firm_a');
  const B = uniqueName('firm_b');
  const A_TOKEN = () => bearer(A, 'user-a');
  // `auth` null sends no Authorization header (undefined would pick the default token).
  const get = (path: string, auth: string | null = A_TOKEN()) => call(base, 'GET', path, auth ?? undefined);
  const post = (path: string, body?: unknown, auth: string | null = A_TOKEN()) =>
    call(base, 'POST', path, auth ?? undefined, body);
  const jobOf = (firm: string, matter: string) => async () =>
    await kit.t.db
      .selectFrom('sync_jobs')
      .select(['job_id', 'state'])
      .where('firm_id', '=', firm)
      .where('matter_id', '=', matter)
      .execute();

  /** What the fetcher's listing does for a firm: a page of matters, projected into the Clio mirror. */
  const mirrorMatters = async (firmId: string, ids: number[]): Promise<void> => {
    const records = ids.map((id) => ({ id, etag: `"e${id}"`, updated_at: '2026-01-01T00:00:00Z' }));
    const r = await appendToStream(kit.t.db, streamIds.syncJob(`listing-${firmId}`), StreamTypes.syncJob, 'any', [
      event(firmId, 'ClioRecordsFetched', { jobId: `listing-${firmId}`, entityType: 'matters', records }),
    ]);
    if (!r.ok) throw new Error(r.reason);
    await catchUp(kit.t.db, clioMirrorProjection, { until: LogPosition.of(r.events[0]!) });
  };
  const connected = async (firmId: string): Promise<void> => {
    await connectFirm(kit.t.db, firmId);
    await waitFor(
      () => kit.t.db.selectFrom('firm_connections').select('status').where('firm_id', '=', firmId).executeTakeFirst(),
      (r) => r?.status === 'active',
    );
  };

  beforeAll(async () => {
    kit = await startE2eKit();
    base = kit.orchestrator.url;
    for (const f of [A, B]) await connected(f);
    await mirrorMatters(A, [101, 102, 103, 104]);
    await mirrorMatters(B, [201]);
  });
  afterAll(async () => kit?.close());

  it('serves health without a token and refuses everything else without one (401)', async () => {
    expect((await get('/health/live', null)).status).toBe(200);
    expect(await get('/health/ready', null)).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { postgres: 'ok', nats: 'ok', consumers: 'ok' } },
    });
    expect((await post('/matters/101/sync', {}, null)).status).toBe(401);
    expect((await get('/matters/101/sync-status', null)).status).toBe(401);
    expect((await get('/sync-jobs/any', null)).status).toBe(401);
  });

  it('starts a matter sync (202), then answers 409 "Sync in progress" with the same job', async () => {
    const first = await post('/matters/101/sync');
    expect(first).toMatchObject({
      status: 202,
      body: { accepted: true, decision: { action: 'start', reason: 'ok', message: 'Sync started' } },
    });
    const again = await post('/matters/101/sync', { trigger: 'manual' });
    expect(again).toMatchObject({
      status: 409,
      body: {
        message: 'Sync in progress',
        accepted: false,
        jobId: first.body['jobId'],
        decision: { reason: 'already_syncing' },
      },
    });
  });

  it('throttles a manual sync inside the cooldown: 429 with the cooldown and Retry-After', async () => {
    const started = await post('/matters/102/sync');
    await finishJob(kit.t.db, A, started.body['jobId'] as string, { kind: 'matter', matterId: '102' }, new Date());
    const throttled = await post('/matters/102/sync');
    expect(throttled).toMatchObject({
      status: 429,
      body: { accepted: false, decision: { action: 'block', reason: 'cooldown' } },
    });
    const cooldownMs = (throttled.body['decision'] as { cooldownMs: number }).cooldownMs;
    expect(cooldownMs).toBeGreaterThan(50_000);
    expect(cooldownMs).toBeLessThanOrEqual(60_000);
    expect(Number(throttled.headers.get('retry-after'))).toBe(Math.ceil(cooldownMs / 1000));
    expect(throttled.body['message']).toMatch(/^Please wait (\d+ seconds|1 minute) before syncing again$/);
    const status = await get('/matters/102/sync-status');
    expect(status.body).toMatchObject({ state: 'idle', canSyncNow: false, unavailableReason: 'cooldown' });
    expect(typeof status.body['lastSyncedAt']).toBe('number');
  });

  it('shows progress in the status view-model and per-entity counts, totals and ETA in the job view', async () => {
    const [job] = await waitFor(jobOf(A, '101'), (rows) => rows.length === 1);
    const started = event(A, 'SyncJobStarted', {
      jobId: job!.job_id,
      scope: { kind: 'matter', matterId: '101' },
      entityTypes: ['folders', 'documents'],
      estimatedTotal: 1050,
    });
    (started.data as { estimates?: Record<string, number> }).estimates = { folders: 50, documents: 1000 };
    await workerAppend(kit.t.db, job!.job_id, 'no_stream', [
      started,
      event(A, 'SyncProgressed', {
        jobId: job!.job_id,
        entityType: 'folders',
        fetched: 50,
        total: 50,
        cursor: null,
        mode: 'full',
      }),
      event(A, 'SyncProgressed', {
        jobId: job!.job_id,
        entityType: 'documents',
        fetched: 200,
        total: 1000,
        cursor: 'https://clio/p2',
        mode: 'full',
      }),
      // The connected user lost the permission to read folders after the first page: the job goes on without them.
      event(A, 'SyncEntityForbidden', {
        jobId: job!.job_id,
        entityType: 'folders',
        reason: describeForbidden('folders'),
        detail: 'HTTP 403 ForbiddenError',
      }),
    ]);
    const status = await waitFor(
      () => get('/matters/101/sync-status'),
      (r) => (r.body['activeJobProgress'] as { current?: number } | undefined)?.current === 250,
    );
    expect(status.body).toEqual({
      state: 'syncing',
      canSyncNow: false,
      unavailableReason: 'already_syncing',
      activeJobProgress: { current: 250, total: 1050 },
    });
    const view = await get(`/sync-jobs/${job!.job_id}`);
    expect(view).toMatchObject({
      status: 200,
      body: {
        state: 'running',
        scope: { kind: 'matter', matterId: '101' },
        trigger: 'manual',
        progress: { current: 250, total: 1050 },
        entities: {
          folders: { fetched: 50, total: 50, remaining: 0, requests: 0 },
          documents: { fetched: 200, total: 1000, remaining: 800, requests: 4 },
        },
        // No budget known yet: Clio's peak 50 requests a minute, 1.2 s per request; the job has not run a minute.
        requestsNeeded: 4,
        etaMs: 4_800,
        etaBasis: 'budget',
        estimateComplete: true,
        estimateNote: null,
        forbidden: { folders: describeForbidden('folders') },
        error: null,
      },
    });
  });

  it("covers a matter with a firm-wide job: refused while it runs, and its completion is the matter's last sync", async () => {
    const firm = await post(`/firms/${A}/sync`);
    expect(firm).toMatchObject({ status: 202, body: { accepted: true } });
    expect(await post('/matters/103/sync')).toMatchObject({
      status: 409,
      body: { jobId: firm.body['jobId'], decision: { reason: 'already_syncing' } },
    });
    expect((await get('/matters/103/sync-status')).body).toMatchObject({ state: 'syncing', canSyncNow: false });
    const completedAt = new Date();
    await finishJob(kit.t.db, A, firm.body['jobId'] as string, { kind: 'firm' }, completedAt);
    expect((await get('/matters/103/sync-status')).body).toEqual({
      state: 'idle',
      canSyncNow: true,
      lastSyncedAt: completedAt.getTime(),
    });
  });

  it('stops, resumes and cancels a job over HTTP; refusals are 409 with a reason', async () => {
    const [job] = await jobOf(A, '101')();
    const path = `/sync-jobs/${job!.job_id}`;
    expect(await post(`${path}/stop`, { reason: 'lunch' })).toMatchObject({
      status: 200,
      body: { state: 'paused', message: 'Sync paused' },
    });
    expect(await post(`${path}/stop`)).toMatchObject({ status: 409, body: { reason: 'already_paused' } });
    expect(await post(`${path}/resume`)).toMatchObject({ status: 200, body: { state: 'running' } });
    expect(await post(`${path}/cancel`)).toMatchObject({ status: 200, body: { state: 'cancelled' } });
    expect(await post(`${path}/cancel`)).toMatchObject({
      status: 409,
      body: { reason: 'not_active', message: 'The sync job has already ended' },
    });
    expect(await post(`${path}/reset`)).toMatchObject({ status: 200, body: { state: null } });
    expect((await readStream(kit.t.db, streamIds.syncJob(job!.job_id))).map((e) => e.type)).toEqual([
      'SyncJobStarted',
      'SyncProgressed',
      'SyncProgressed',
      'SyncEntityForbidden',
      'SyncJobPaused',
      'SyncJobResumed',
      'SyncJobPaused',
    ]);
    expect(
      (await readStream(kit.t.db, streamIds.syncScope(A, { kind: 'matter', matterId: '101' }))).map((e) => e.type),
    ).toEqual(['SyncRequested', 'SyncJobCancelled', 'SyncBookmarksReset']);
  });

  it("answers 404 for another firm's matter, firm and job", async () => {
    const bJob = await post('/matters/201/sync', {}, bearer(B));
    expect(bJob.status).toBe(202);
    await waitFor(jobOf(B, '201'), (rows) => rows.length === 1);
    const id = bJob.body['jobId'] as string;
    expect((await get(`/sync-jobs/${id}`, bearer(B))).status).toBe(200);
    for (const [method, path] of [
      ['GET', `/sync-jobs/${id}`],
      ['POST', `/sync-jobs/${id}/stop`],
      ['POST', `/sync-jobs/${id}/cancel`],
      ['GET', '/matters/201/sync-status'],
      ['POST', '/matters/201/sync'],
      ['POST', `/firms/${B}/sync`],
      ['GET', '/matters/999/sync-status'],
    ] as const) {
      expect([
        method,
        path,
        (await call(base, method, path, A_TOKEN(), method === 'POST' ? {} : undefined)).status,
      ]).toEqual([method, path, 404]);
    }
  });

  it('answers 400 naming the field for a bad body or path', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['/matters/101/sync', { trigger: 'cron' }, 'trigger must be one of manual, process_click'],
      ['/matters/101/sync', { force: true }, 'property force should not exist'],
      [`/firms/${A}/sync`, { trigger: 'process_click' }, 'trigger must be manual'],
      ['/matters/a%20b/sync', {}, 'id must be'],
      ['/sync-jobs/x/stop', { reason: '' }, 'reason must be 1 to 200 characters'],
    ];
    for (const [path, body, message] of cases) {
      const r = await post(path, body);
      expect([path, r.status]).toEqual([path, 400]);
      expect((r.body['message'] as string[]).join('; ')).toContain(message);
    }
  });

  it('answers 409 when the firm must reconnect Clio', async () => {
    const C = uniqueName('firm_c');
    await connected(C);
    const r = await appendToStream(kit.t.db, streamIds.connection(C), StreamTypes.connection, 'any', [
      event(C, 'ConnectionNeedsReauth', { connectionId: `conn-${C}`, reason: 'refresh rejected' }),
    ]);
    expect(r.ok).toBe(true);
    await waitFor(
      () => kit.t.db.selectFrom('firm_connections').select('status').where('firm_id', '=', C).executeTakeFirst(),
      (row) => row?.status === 'needs_reauth',
    );
    expect(await post(`/firms/${C}/sync`, {}, bearer(C))).toMatchObject({
      status: 409,
      body: { accepted: false, message: 'Reconnect Clio to continue syncing', decision: { reason: 'needs_reauth' } },
    });
  });

  it('answers the sync-request RPC with the policy decision', async () => {
    const ask = async (body: unknown): Promise<SyncRequestReply> =>
      JSON.parse(
        (await kit.nc.request(kit.orchestrator.rpcSubject, JSON.stringify(body), { timeout: 5_000 })).string(),
      ) as SyncRequestReply;
    expect(kit.orchestrator.rpcSubject.endsWith(RpcSubjects.syncRequest.slice('sf'.length))).toBe(true);
    const started = await ask({ firmId: A, scope: { kind: 'matter', matterId: '104' }, trigger: 'webhook' });
    expect(started).toMatchObject({ ok: true, decision: { action: 'start', reason: 'ok', message: 'Sync started' } });
    expect(await ask({ firmId: A, scope: { kind: 'matter', matterId: '104' }, trigger: 'webhook' })).toMatchObject({
      ok: true,
      jobId: (started as { jobId: string }).jobId,
      decision: { reason: 'already_syncing', message: 'Sync in progress' },
    });
    expect(await ask({ firmId: A, scope: { kind: 'matter' }, trigger: 'webhook' })).toMatchObject({
      ok: false,
      reason: 'invalid_request',
    });
  });

  it('turns ClioConnected (relayed to JetStream) into one firm-wide first_login sync', async () => {
    const D = uniqueName('firm_d');
    await connectFirm(kit.t.db, D);
    let relay: Relay | undefined;
    try {
      relay = createRelay({
        db: kit.t.db,
        lockUrl: kit.t.url,
        nc: kit.nc,
        topology: { namespace: kit.topology.namespace! },
      });
      void relay.run();
      const events = await waitFor(
        () => readStream(kit.t.db, streamIds.syncScope(D, { kind: 'firm' })),
        (e) => e.length > 0,
        { timeoutMs: 20_000 },
      );
      expect(events.map((e) => [e.type, (e.data as { trigger: string }).trigger])).toEqual([
        ['SyncRequested', 'first_login'],
      ]);
    } finally {
      await relay?.stop();
    }
  });
});
