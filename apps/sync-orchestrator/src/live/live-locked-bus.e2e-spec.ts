// Live progress on the locked bus: an orchestrator connected as its own bus user (the run's generated configuration,
// on a nats-server of this test's own, production stream and subject names) serves Server-Sent Events from its
// firm feeds, fresh and resumed, with the relay connected as the relay user. Refusals would be the server's.
import pino from 'pino';
import type { NatsConnection } from '@nats-io/nats-core';
import { DEFAULT_CLAIMS, signJwt } from '@sf/http-auth';
import { connectNats, createRelay, type Relay } from '@sf/messaging';
import { SyncScope } from '@sf/sync-jobs';
import {
  createTestDatabase,
  startOwnNatsServer,
  testBusUsers,
  uniqueName,
  waitFor,
  type BusLogin,
  type OwnNatsServer,
  type TestDatabase,
} from '@sf/testing';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { startOrchestrator, type Orchestrator } from '../start-orchestrator';
import { connectFirm, event } from '../testing/orchestrator-fixtures';
import { appendJobEvents } from '../testing/mirror-fixtures';
import { openSse, type SseClient } from '../testing/sse-client';

const SECRET = 'live-locked-bus-secret-of-at-least-32-bytes';
const users = testBusUsers();
const login = (name: string): BusLogin => {
  const u = users?.find((x) => x.name === name);
  if (!u) throw new Error(`no bus user ${name} in this run`);
  return u;
};
const identity = (name: string) => ({ user: login(name).name, password: login(name).password });

// Only a run with a locked bus has users to connect as (SF_TEST_NATS=open runs without one).
(users ? describe : describe.skip)('live progress on the locked bus, the orchestrator as its own user (e2e)', () => {
  jest.setTimeout(120_000);
  let nats: OwnNatsServer;
  let t: TestDatabase<OrchestratorDb>;
  let orchestrator: Orchestrator;
  let relayNc: NatsConnection;
  let relay: Relay;
  const firmId = uniqueName('locked_live');
  const auth = `Bearer ${signJwt({ sub: 'user-1', firm_id: firmId, exp: Math.floor(Date.now() / 1000) + 600 }, { alg: 'HS256', secret: SECRET })}`;
  const open: SseClient[] = [];
  const sse = async (path: string, headers: Record<string, string> = {}): Promise<SseClient> => {
    const c = await openSse(`${orchestrator.url}${path}`, { authorization: auth, ...headers });
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    nats = await startOwnNatsServer();
    t = await createTestDatabase<OrchestratorDb>();
    orchestrator = await startOrchestrator({
      databaseUrl: t.url,
      natsUrl: nats.url,
      natsIdentity: identity('sync-orchestrator'),
      port: 0,
      host: '127.0.0.1',
      stallCheckIntervalMs: 0,
      schedulerTickMs: 0,
      jwt: { alg: 'HS256', secret: Buffer.from(SECRET), leewaySeconds: 30, claims: { ...DEFAULT_CLAIMS } },
      logger: pino({ level: 'silent' }),
    });
    relayNc = await connectNats({ name: 'relay', settings: { url: nats.url }, identity: identity('relay') });
    relay = createRelay({ db: t.db, lockUrl: t.url, nc: relayNc, topology: { namespace: 'sf' }, idlePollMs: 10 });
    void relay.run();
    await connectFirm(t.db, firmId);
    await waitFor(
      () => t.db.selectFrom('firm_connections').select('firm_id').where('firm_id', '=', firmId).execute(),
      (rows) => rows.length === 1,
    );
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await relay?.stop();
    await relayNc?.close();
    await orchestrator?.close();
    await t?.drop();
    await nats?.dispose();
  });

  it('streams a job snapshot then its progress, and replays it to a stream resuming from the start', async () => {
    const { jobId } = await orchestrator.service.request({
      firmId,
      scope: SyncScope.matter('101'),
      trigger: 'manual',
      requestedBy: 'user-1',
    });
    await waitFor(
      () => orchestrator.service.job(firmId, jobId!),
      (j) => j !== null,
    );
    const firm = await sse('/sync-status/events');
    const job = await sse(`/sync-jobs/${jobId}/events`);
    expect([firm.status, job.status]).toEqual([200, 200]);
    await job.waitFor((f) => f.some((x) => x.event === 'snapshot'));
    await appendJobEvents(t.db, jobId!, [
      event(firmId, 'SyncProgressed', {
        jobId: jobId!,
        entityType: 'matters',
        fetched: 7,
        total: 9,
        cursor: null,
        mode: 'full',
      }),
    ]);
    const progressed = (f: { event: string }[]) => f.some((x) => x.event === 'SyncProgressed');
    await job.waitFor(progressed, 60_000);
    await firm.waitFor(progressed, 60_000);
    // From before the firm feed's start: its own consumer catches up, then it joins the shared one.
    const resumed = await sse(`/sync-jobs/${jobId}/events`, { 'last-event-id': '0' });
    const replayed = await resumed.waitFor(progressed, 60_000);
    expect(replayed.map((f) => f.event)).toEqual(['SyncRequested', 'SyncProgressed']);
    expect(replayed.find((f) => f.event === 'SyncProgressed')!.data).toMatchObject({ fetched: 7, total: 9 });
  });
});
