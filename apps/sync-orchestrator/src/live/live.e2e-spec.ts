import { createRelay, type Relay } from '@sf/messaging';
import { signJwt } from '@sf/http-auth';
import { SyncScope } from '@sf/sync-jobs';
import { uniqueName, waitFor } from '@sf/testing';
import { bearer, call, JWT_SECRET, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm, event } from '../testing/orchestrator-fixtures';
import { appendJobEvents } from '../testing/mirror-fixtures';
import { openSse, type SseClient } from '../testing/sse-client';

const shortToken = (firmId: string, seconds: number): string =>
  signJwt(
    { sub: 'user-1', firm_id: firmId, exp: Math.floor(Date.now() / 1000) + seconds },
    { alg: 'HS256', secret: JWT_SECRET },
  );

describe('live progress over Server-Sent Events, fed from JetStream (e2e)', () => {
  let kit: E2eKit;
  let relay: Relay;
  const A = uniqueName('firm_a');
  const B = uniqueName('firm_b');
  let jobId: string;
  const open: SseClient[] = [];
  const sse = async (path: string, headers: Record<string, string> = {}): Promise<SseClient> => {
    const c = await openSse(`${kit.orchestrator.url}${path}`, headers);
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    kit = await startE2eKit();
    relay = createRelay({
      db: kit.t.db,
      lockUrl: kit.t.url,
      nc: kit.nc,
      topology: { namespace: kit.topology.namespace! },
      idlePollMs: 10,
    });
    void relay.run();
    for (const f of [A, B]) await connectFirm(kit.t.db, f);
    await waitFor(
      () => kit.t.db.selectFrom('firm_connections').select('firm_id').where('firm_id', 'in', [A, B]).execute(),
      (rows) => rows.length === 2,
    );
    jobId = (
      await kit.orchestrator.service.request({
        firmId: A,
        scope: SyncScope.matter('101'),
        trigger: 'manual',
        requestedBy: 'user-1',
      })
    ).jobId!;
    await waitFor(
      () => kit.orchestrator.service.job(A, jobId),
      (j) => j !== null,
    );
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await relay?.stop();
    await kit?.close();
  });

  it("streams a job's snapshot then its progress, each with the stream sequence as id, and resumes after Last-Event-ID", async () => {
    const live = await sse(`/sync-jobs/${jobId}/events`, { authorization: bearer(A) });
    expect(live.status).toBe(200);
    const [snapshot] = await live.waitFor((f) => f.length >= 1);
    expect(snapshot).toMatchObject({ event: 'snapshot', data: { jobId, state: 'requested' } });

    await appendJobEvents(kit.t.db, jobId, [
      event(A, 'SyncJobStarted', {
        jobId,
        scope: { kind: 'matter', matterId: '101' },
        entityTypes: ['matters', 'documents'],
        estimatedTotal: 300,
      }),
      event(A, 'SyncProgressed', {
        jobId,
        entityType: 'matters',
        fetched: 1,
        total: 1,
        cursor: 'https://clio.test/api/v4/matters.json?page_token=SECRETISH',
        mode: 'full',
      }),
    ]);
    const frames = await live.waitFor((f) => f.some((x) => x.event === 'SyncProgressed'));
    const started = frames.find((f) => f.event === 'SyncJobStarted')!;
    const progressed = frames.find((f) => f.event === 'SyncProgressed')!;
    expect(progressed.data).toEqual({
      type: 'SyncProgressed',
      jobId,
      at: expect.any(String),
      entityType: 'matters',
      fetched: 1,
      total: 1,
    });
    // No page cursor (it carries Clio's page token) ever reaches a browser.
    expect(JSON.stringify(frames)).not.toContain('page_token');
    expect(Number(progressed.id)).toBeGreaterThan(Number(started.id));

    const resumed = await sse(`/sync-jobs/${jobId}/events`, { authorization: bearer(A), 'last-event-id': started.id! });
    const again = await resumed.waitFor((f) => f.length >= 1);
    expect(again[0]).toMatchObject({ id: progressed.id, event: 'SyncProgressed' });
    expect(again.some((f) => f.event === 'snapshot')).toBe(false);
  });

  it("streams the firm's jobs with a firm-status snapshot; another firm sees none of them", async () => {
    const firmA = await sse('/sync-status/events', { authorization: bearer(A) });
    const firmB = await sse('/sync-status/events', { authorization: bearer(B) });
    await firmA.waitFor((f) => f.length >= 1);
    expect(firmA.frames[0]).toMatchObject({ event: 'snapshot', data: { firmId: A } });
    await appendJobEvents(kit.t.db, jobId, [
      event(A, 'SyncProgressed', {
        jobId,
        entityType: 'documents',
        fetched: 100,
        total: 299,
        cursor: null,
        mode: 'full',
      }),
    ]);
    await firmA.waitFor((f) => f.some((x) => x.event === 'SyncProgressed' && x.data['entityType'] === 'documents'));
    await firmB.waitFor((f) => f.length >= 1);
    expect(firmB.frames.map((f) => f.event)).toEqual(['snapshot']);
  });

  it('takes a short-lived token in ?access_token= (EventSource sends no headers) and refuses a long-lived one', async () => {
    const ok = await sse(`/sync-jobs/${jobId}/events?access_token=${shortToken(A, 120)}`);
    expect(ok.status).toBe(200);
    await ok.waitFor((f) => f.length >= 1);
    const long = await call(kit.orchestrator.url, 'GET', `/sync-status/events?access_token=${shortToken(A, 3600)}`);
    expect(long.status).toBe(401);
  });

  it("answers another firm's job like a missing one (404), and a bad Last-Event-ID with a 400 naming it", async () => {
    const foreign = await call(kit.orchestrator.url, 'GET', `/sync-jobs/${jobId}/events`, bearer(B));
    const missing = await call(
      kit.orchestrator.url,
      'GET',
      '/sync-jobs/00000000-0000-4000-8000-000000000000/events',
      bearer(B),
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    const bad = await fetch(`${kit.orchestrator.url}/sync-status/events`, {
      headers: { authorization: bearer(A), 'last-event-id': 'abc' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('Last-Event-ID');
    const badQuery = await call(kit.orchestrator.url, 'GET', '/sync-status/events?lastEventId=-1', bearer(A));
    expect(badQuery.status).toBe(400);
    expect(JSON.stringify(badQuery.body)).toContain('lastEventId');
    const unknown = await call(kit.orchestrator.url, 'GET', '/sync-status/events?since=1', bearer(A));
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('since');
  });

  it('serves the status page with a short-lived query token, and not without one', async () => {
    const page = await fetch(`${kit.orchestrator.url}/status-page?access_token=${shortToken(A, 120)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('sync-status/events');
    expect((await fetch(`${kit.orchestrator.url}/status-page`)).status).toBe(401);
  });
});
