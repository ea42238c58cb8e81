// The relay as a real process (tools/relay.ts): crash between publish and checkpoint, and fail-over between replicas.
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { LogPosition, loadCheckpoint } from '@sf/event-store';
import { connectTestNats, createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { createConsumerRunner } from '../consumer/consumer-runner';
import { Disposition } from '../consumer/disposition';
import { provision } from '../provision';
import {
  appendEach,
  deleteStreams,
  exited,
  messageCount,
  spawnTs,
  storedMessages,
  syncRequested,
  testTopology,
  topologyEnv,
} from '../testing/messaging-test-kit';
import { relayCheckpointName } from '../wire-names';
import { createRelay } from './relay';
import type { EventStoreTables } from '@sf/event-store';
import type { MessagingTables } from '../schema/messaging.tables';

describe('relay process', () => {
  let t: TestDatabase<EventStoreTables & MessagingTables>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const id = uniqueName('relayp');
  const topology = testTopology(id, [{ name: 'counter', ackWaitMs: 5_000 }]);
  const stream = topology.streams.events.name;
  const children: ReturnType<typeof spawnTs>[] = [];

  const spawnRelay = (name: string, extra: Record<string, string> = {}): ReturnType<typeof spawnTs> => {
    const env = {
      DATABASE_URL: t.url,
      NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      SF_RELAY_NAME: name,
      ...topologyEnv(topology),
      ...extra,
    };
    const child = spawnTs('tools/relay.ts', env);
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
    await provision(jsm, topology);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await deleteStreams(jsm, topology);
    await nc.close();
    await t.drop();
  });

  it('killed after the PubAcks but before the checkpoint: the restarted relay re-publishes, and downstream sees each event once', async () => {
    const name = uniqueName('crash');
    const events = await appendEach(
      t.db,
      Array.from({ length: 20 }, (_, i) => syncRequested(`firm-${i % 3}`)),
    );

    const doomed = spawnRelay(name, { SF_TEST_FAULT: 'relay-exit-after-publish' });
    expect(await exited(doomed)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await messageCount(jsm, stream)).toBe(20);
    expect(await loadCheckpoint(t.db, relayCheckpointName(name))).toEqual(LogPosition.start);

    const healthy = spawnRelay(name);
    const last = LogPosition.of(events[19]!);
    await waitFor(
      () => loadCheckpoint(t.db, relayCheckpointName(name)),
      (p) => LogPosition.compare(p, last) === 0,
      {
        timeoutMs: 20_000,
        description: `checkpoint of the restarted relay; output: ${healthy.output.join('')}`,
      },
    );
    healthy.kill('SIGTERM');
    expect(await exited(healthy)).toEqual({ code: 0, signal: null });
    // It re-published the whole batch, and the stream's duplicate window dropped every copy.
    const stoppedLine = healthy.output
      .join('')
      .split('\n')
      .find((l) => l.includes('"msg":"stopped"'));
    expect(JSON.parse(stoppedLine ?? '{}')).toMatchObject({
      eventsPublished: 20,
      duplicatesDropped: 20,
      role: 'stopped',
    });

    const stored = await storedMessages(jsm, stream);
    expect(stored.map((m) => m.header.get('Nats-Msg-Id'))).toEqual(events.map((e) => e.eventId));

    const seen = new Map<string, number>();
    const runner = createConsumerRunner({
      nc,
      db: t.db,
      topology,
      consumer: topology.consumers[0]!,
      handler: async (e) => (seen.set(e.eventId, (seen.get(e.eventId) ?? 0) + 1), Disposition.ack),
    });
    await runner.start();
    await waitFor(
      () => jsm.consumers.info(stream, 'counter'),
      (ci) => ci.num_pending === 0 && ci.num_ack_pending === 0,
    );
    await runner.stop();
    expect([...seen.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('a second replica waits while the first holds the lock and takes over within seconds when the first dies', async () => {
    const name = uniqueName('ha');
    const base = await messageCount(jsm, stream);
    await appendEach(t.db, [syncRequested('firm-x'), syncRequested('firm-x')]);
    const first = spawnRelay(name);
    await waitFor(
      () => messageCount(jsm, stream),
      (n) => n === base + 2,
      { timeoutMs: 20_000, description: 'first replica publishing' },
    );

    const second = createRelay({ name, db: t.db, lockUrl: t.url, nc, topology, lockPollMs: 100 });
    const running = second.run();
    await waitFor(
      () => second.status().role,
      (r) => r === 'standby',
    );
    await appendEach(t.db, [syncRequested('firm-y')]);
    await waitFor(
      () => messageCount(jsm, stream),
      (n) => n === base + 3,
    );
    expect(second.status()).toMatchObject({ role: 'standby', eventsPublished: 0 });

    first.kill('SIGKILL');
    await exited(first);
    const killedAt = Date.now();
    const afterDeath = await appendEach(t.db, [syncRequested('firm-z'), syncRequested('firm-z')]);
    await waitFor(
      () => second.status().role,
      (r) => r === 'active',
      { timeoutMs: 5_000, description: 'takeover' },
    );
    const takeoverMs = Date.now() - killedAt;
    await waitFor(
      () => messageCount(jsm, stream),
      (n) => n === base + 5,
    );
    const stored = await storedMessages(jsm, stream);
    expect(stored.slice(-2).map((m) => m.header.get('Nats-Msg-Id'))).toEqual(afterDeath.map((e) => e.eventId));
    expect(takeoverMs).toBeLessThan(5_000);
    await second.stop();
    await running;
  });
});
