// A real consumer process killed between its commit and its acks: the redelivered events change nothing.
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { sql } from 'kysely';
import { LogPosition, loadCheckpoint } from '@sf/event-store';
import { connectTestNats, createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { provision } from '../provision';
import { createRelay } from '../relay/relay';
import {
  appendEach,
  deleteStreams,
  exited,
  spawnTs,
  syncRequested,
  testTopology,
  topologyEnv,
} from '../testing/messaging-test-kit';
import { relayCheckpointName } from '../wire-names';
import type { EventStoreTables } from '@sf/event-store';
import type { MessagingTables } from '../schema/messaging.tables';

describe('consumer process', () => {
  let t: TestDatabase<EventStoreTables & MessagingTables>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const id = uniqueName('consp');
  const consumer = { name: 'effects', ackWaitMs: 1_000, maxDeliver: 5, backoffMs: [] };
  const topology = testTopology(id, [consumer]);
  const stream = topology.streams.events.name;
  const children: ReturnType<typeof spawnTs>[] = [];

  const spawnConsumer = (extra: Record<string, string> = {}): ReturnType<typeof spawnTs> => {
    const child = spawnTs('libs/platform/messaging/src/testing/consumer-child.fixture.ts', {
      DATABASE_URL: t.url,
      NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      SF_TEST_CONSUMER: JSON.stringify(consumer),
      ...topologyEnv(topology),
      ...extra,
    });
    children.push(child);
    return child;
  };

  const effects = async (): Promise<{ event_id: string; n: number }[]> =>
    (
      await sql<{
        event_id: string;
        n: number;
      }>`select event_id::text, count(*)::int as n from test_effects group by event_id`.execute(t.db)
    ).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    await sql`create table test_effects (event_id uuid not null)`.execute(t.db);
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

  it('applies each effect once when killed after commit and before ack', async () => {
    const events = await appendEach(
      t.db,
      Array.from({ length: 5 }, () => syncRequested('firm-1')),
    );
    const relay = createRelay({ name: 'main', db: t.db, lockUrl: t.url, nc, topology });
    void relay.run();
    const last = LogPosition.of(events[4]!);
    await waitFor(
      () => loadCheckpoint(t.db, relayCheckpointName('main')),
      (p) => LogPosition.compare(p, last) === 0,
    );
    await relay.stop();

    const doomed = spawnConsumer({ SF_TEST_FAULT: 'consumer-exit-after-commit' });
    expect(await exited(doomed)).toEqual({ code: null, signal: 'SIGKILL' });
    const committed = await effects();
    expect(committed.length).toBeGreaterThan(0);
    // Committed but never acked: JetStream still counts them as pending acknowledgement.
    const afterCrash = await jsm.consumers.info(stream, 'effects');
    expect(afterCrash.num_ack_pending).toBeGreaterThanOrEqual(committed.length);

    const healthy = spawnConsumer();
    await waitFor(
      () => jsm.consumers.info(stream, 'effects'),
      (ci) => ci.num_pending === 0 && ci.num_ack_pending === 0,
      {
        timeoutMs: 20_000,
        description: `all acked; consumer output: ${healthy.output.join('')}`,
      },
    );
    healthy.kill('SIGTERM');
    expect(await exited(healthy)).toEqual({ code: 0, signal: null });

    const rows = await effects();
    expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // Every committed-but-unacked event was delivered again (consumer sequence counts deliveries).
    expect((await jsm.consumers.info(stream, 'effects')).delivered.consumer_seq).toBeGreaterThanOrEqual(
      5 + committed.length,
    );
  });
});
