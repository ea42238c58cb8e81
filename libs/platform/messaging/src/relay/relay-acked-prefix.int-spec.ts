import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { LogPosition, loadCheckpoint, readAllAfterAsText, type EventStoreTables } from '@sf/event-store';
import type { MessagingTables } from '../schema/messaging.tables';
import { connectTestNats, createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { provision } from '../provision';
import { appendEach, deleteStreams, messageCount, syncRequested, testTopology } from '../testing/messaging-test-kit';
import { relayCheckpointName } from '../wire-names';
import { toOutgoingMessage } from './outgoing-message';
import { createRelay, type Relay } from './relay';

// A publish that fails in the middle of a batch: the relay stores its checkpoint after the acked prefix before it
// retries, so after a long outage (past the duplicate window) nothing already stored is published again.
describe('relay: a publish fails part way through a batch', () => {
  let t: TestDatabase<EventStoreTables & MessagingTables>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const id = uniqueName('prefix');
  const topology = testTopology(id);
  let relay: Relay | undefined;

  beforeAll(async () => {
    t = await createTestDatabase();
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await relay?.stop();
    await deleteStreams(jsm, topology);
    await nc.close();
    await t.drop();
  });

  it('stores the checkpoint after the two acked events when the third publish of the batch fails', async () => {
    const small = () => syncRequested('firm-a');
    const events = await appendEach(t.db, [
      small(),
      small(),
      syncRequested('firm-a', { matterId: 'm'.repeat(200) }),
      small(),
    ]);
    // One batch of four: a log reader sees only transactions older than every one still open on the server, so on a
    // shared Postgres the first read could hold fewer and split the prefix across batches.
    const logged = await waitFor(
      () => readAllAfterAsText(t.db, LogPosition.start, 10),
      (read) => read.length === events.length,
      { description: 'all four events visible to a log reader' },
    );
    // The stream refuses the third (larger) message: a publish failure at index 2 of the batch.
    const sizes = events.map((e) =>
      Buffer.byteLength(
        toOutgoingMessage(
          topology,
          logged.find((l) => l.eventId === e.eventId)!,
        ).body,
      ),
    );
    const smallest = Math.max(sizes[0]!, sizes[1]!, sizes[3]!);
    expect(sizes[2]! - smallest).toBeGreaterThan(100);
    // Headers count too: leave them room below the limit, which only the larger body exceeds.
    const limit = Math.floor((smallest + sizes[2]!) / 2) + 40;
    await provision(jsm, {
      ...topology,
      streams: { ...topology.streams, events: { ...topology.streams.events, max_msg_size: limit } },
    });
    const errors: unknown[] = [];
    relay = createRelay({
      name: id,
      db: t.db,
      lockUrl: t.url,
      nc,
      topology,
      errorBackoffMs: 100,
      onError: (e) => errors.push(e),
    });
    void relay.run();

    await waitFor(
      () => errors.length,
      (n) => n >= 1,
      { description: 'the failed publish reported' },
    );
    const checkpoint = await loadCheckpoint(t.db, relayCheckpointName(id));
    expect(LogPosition.format(checkpoint)).toBe(LogPosition.format(LogPosition.of(events[1]!)));
    // The fourth was in flight beside the third and was stored: its retry (within the duplicate window) is dropped.
    expect(await messageCount(jsm, topology.streams.events.name)).toBe(3);
    expect(String(errors[0])).toMatch(/^PublishFailed: publish failed after 2 acked message\(s\)/);
  });
});
