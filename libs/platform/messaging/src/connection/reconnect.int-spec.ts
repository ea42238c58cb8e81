import { rmSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import {
  createTestDatabase,
  startOwnNatsServer,
  uniqueName,
  waitFor,
  type OwnNatsServer,
  type TestDatabase,
} from '@sf/testing';
import type { EventStoreTables } from '@sf/event-store';
import type { MessagingTables } from '../schema/messaging.tables';
import { createConsumerRunner, type ConsumerRunner } from '../consumer/consumer-runner';
import { Disposition } from '../consumer/disposition';
import { provision } from '../provision';
import { createRelay, type Relay } from '../relay/relay';
import { appendEach, syncRequested, testTopology } from '../testing/messaging-test-kit';
import { connectNats } from './connect-nats';

// Each test kills its own nats-server (never the shared one).
describe('NATS outages (own nats-server)', () => {
  let t: TestDatabase<EventStoreTables & MessagingTables>;
  let nats: OwnNatsServer;
  const open: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  beforeEach(async () => {
    nats = await startOwnNatsServer();
  });
  afterEach(async () => {
    for (const close of open.splice(0).reverse()) await close().catch(() => undefined);
    await nats.dispose();
  });
  afterAll(async () => {
    await t.drop();
  });

  const connected = async (name: string, onLost?: (reason: string) => void): Promise<NatsConnection> => {
    const nc = await connectNats({ name, settings: { url: nats.url, reconnectMaxWaitMs: 500 }, onLost });
    open.push(() => nc.close());
    return nc;
  };

  it('resumes relay and consumer after a server that came back empty: streams and consumer provisioned again', async () => {
    const id = uniqueName('heal');
    const topology = testTopology(id, [{ name: `${id}-c` }]);
    const nc = await connected('relay');
    const reprovision = async (): Promise<unknown> => provision(await jetstreamManager(nc), topology);
    await reprovision();
    const seen: string[] = [];
    const relay: Relay = createRelay({
      name: id,
      db: t.db,
      lockUrl: t.url,
      nc,
      topology,
      errorBackoffMs: 200,
      recover: reprovision,
    });
    void relay.run();
    open.push(() => relay.stop());
    const consumerNc = await connected('consumer');
    const consumer: ConsumerRunner = createConsumerRunner({
      nc: consumerNc,
      db: t.db,
      topology,
      consumer: topology.consumers[0]!,
      handler: async (e) => (seen.push(e.eventId), Disposition.ack),
    });
    await consumer.start();
    open.push(() => consumer.stop());

    const before = await appendEach(t.db, [syncRequested('firm-a')]);
    await waitFor(
      () => seen.length,
      (n) => n === 1,
      { description: 'first event consumed' },
    );

    await nats.kill();
    rmSync(nats.storeDir, { recursive: true, force: true });
    const during = await appendEach(t.db, [syncRequested('firm-a'), syncRequested('firm-b')]);
    await nats.start();

    await waitFor(
      () => seen.length,
      (n) => n === 3,
      { timeoutMs: 30_000, description: 'events after the wipe' },
    );
    expect(seen).toEqual([...before, ...during].map((e) => e.eventId));
  }, 60_000);

  it('reports the connection lost once the give-up passes while the server stays down', async () => {
    const reasons: string[] = [];
    const nc = await connectNats({
      name: 'give-up',
      settings: { url: nats.url, reconnectMaxWaitMs: 200, giveUpAfterMs: 1_500 },
      onLost: (r) => reasons.push(r),
    });
    await nats.kill();
    await waitFor(
      () => reasons,
      (r) => r.length === 1,
      { timeoutMs: 10_000, description: 'onLost called' },
    );
    expect(nc.isClosed()).toBe(true);
    expect(reasons[0]).toBe('nats: no connection for 1500 ms, giving up');
  }, 30_000);

  it('does not report a loss when the caller drains or closes the connection itself', async () => {
    const reasons: string[] = [];
    const nc = await connected('clean', (r) => reasons.push(r));
    await nc.drain();
    await nc.closed();
    expect(reasons).toEqual([]);
  });
});
