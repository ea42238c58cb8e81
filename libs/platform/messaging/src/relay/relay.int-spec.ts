import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { RecordedEvent } from '@sf/contracts';
import { LogPosition, loadCheckpoint, readAllAfter } from '@sf/event-store';
import { connectTestNats, createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { provision } from '../provision';
import {
  appendEach,
  deleteStreams,
  messageCount,
  storedMessages,
  syncRequested,
  testTopology,
  untilLogShows,
} from '../testing/messaging-test-kit';
import { relayCheckpointName } from '../wire-names';
import { createRelay, type Relay } from './relay';
import type { EventStoreTables } from '@sf/event-store';
import type { MessagingTables } from '../schema/messaging.tables';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('relay', () => {
  let t: TestDatabase<EventStoreTables & MessagingTables>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const id = uniqueName('relay');
  const topology = testTopology(id);
  const stream = topology.streams.events.name;
  const relays: Relay[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
    await provision(jsm, topology);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await deleteStreams(jsm, topology);
    await nc.close();
    await t.drop();
  });

  const start = (name: string, opts: Partial<Omit<Parameters<typeof createRelay>[0], 'db'>> = {}): Relay => {
    const relay = createRelay({ name, db: t.db, lockUrl: t.url, nc, topology, ...opts });
    relays.push(relay);
    void relay.run();
    return relay;
  };

  it('publishes committed events in log order with Nats-Msg-Id = event id and the stored trace, and checkpoints only after the PubAcks', async () => {
    const name = uniqueName('r');
    const events = await appendEach(t.db, [
      syncRequested('firm-a'),
      syncRequested('firm-b', { trace: { traceparent: TRACEPARENT, tracestate: 'sf=1' } }),
      syncRequested('firm-a'),
    ]);
    // Batches of two: the first must see both of its events.
    await untilLogShows(t.db, events);
    const seenAtPublish: { checkpoint: LogPosition; inStream: number }[] = [];
    const relay = start(name, {
      batchSize: 2,
      faults: {
        afterPublish: async () => {
          seenAtPublish.push({
            checkpoint: await loadCheckpoint(t.db, relayCheckpointName(name)),
            inStream: await messageCount(jsm, stream),
          });
        },
      },
    });
    const last = LogPosition.of(events[2]!);
    await waitFor(
      () => loadCheckpoint(t.db, relayCheckpointName(name)),
      (p) => LogPosition.compare(p, last) === 0,
    );

    // Batch 1 (two events) was in the stream before its checkpoint existed; batch 2 likewise after batch 1's.
    expect(seenAtPublish).toEqual([
      { checkpoint: LogPosition.start, inStream: 2 },
      { checkpoint: LogPosition.of(events[1]!), inStream: 3 },
    ]);
    const stored = await storedMessages(jsm, stream);
    expect(stored.map((m) => m.header.get('Nats-Msg-Id'))).toEqual(events.map((e) => e.eventId));
    expect(stored.map((m) => m.subject)).toEqual([
      `${id}.events.firm-a.SyncRequested`,
      `${id}.events.firm-b.SyncRequested`,
      `${id}.events.firm-a.SyncRequested`,
    ]);
    expect(stored[1]!.header.get('traceparent')).toBe(TRACEPARENT);
    expect(stored[1]!.header.get('tracestate')).toBe('sf=1');
    expect(stored[0]!.header.has('traceparent')).toBe(false);
    expect(stored.map((m) => (m.json() as { eventId: string }).eventId)).toEqual(events.map((e) => e.eventId));
    expect(relay.status()).toMatchObject({
      role: 'active',
      eventsPublished: 3,
      duplicatesDropped: 0,
      position: LogPosition.format(last),
    });
  });

  it('resumes from its checkpoint after a restart: earlier events are not published again, later ones are', async () => {
    const name = uniqueName('r');
    const before = await messageCount(jsm, stream);
    const logBefore = (await readAllAfter(t.db, LogPosition.start, 10_000)).length;
    const first = await appendEach(t.db, [syncRequested('firm-c'), syncRequested('firm-c')]);
    const r1 = start(name);
    await waitFor(
      () => loadCheckpoint(t.db, relayCheckpointName(name)),
      (p) => LogPosition.compare(p, LogPosition.of(first[1]!)) === 0,
    );
    await r1.stop();
    expect(r1.status().role).toBe('stopped');

    const later: RecordedEvent[] = await appendEach(t.db, [syncRequested('firm-c')]);
    const r2 = start(name);
    await waitFor(
      () => loadCheckpoint(t.db, relayCheckpointName(name)),
      (p) => LogPosition.compare(p, LogPosition.of(later[0]!)) === 0,
    );
    // A new relay name starts from 0, so r1 re-published whatever earlier tests had published: the dedupe window
    // dropped those. Only the three new events became new messages, and r2 published just the last one.
    expect(await messageCount(jsm, stream)).toBe(before + 3);
    expect(r1.status()).toMatchObject({ eventsPublished: logBefore + 2, duplicatesDropped: logBefore });
    expect(r2.status()).toMatchObject({ eventsPublished: 1, duplicatesDropped: 0 });
  });
});
