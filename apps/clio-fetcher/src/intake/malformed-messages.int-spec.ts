import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { EventTypes, type EventType } from '@sf/contracts';
import { provision, type MessageHandler, type Topology } from '@sf/messaging';
import {
  appendExample,
  checkMalformedMessages,
  deleteStreams,
  MALFORMED_DRAIN_MS,
  testTopology,
} from '@sf/messaging/testing';
import { connectTestNats, createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { fetcherConsumerOptions, FetcherConsumers } from './intake-consumers';
import {
  onSyncBookmarksReset,
  onSyncJobCancelled,
  onSyncJobPaused,
  onSyncJobResumed,
  onSyncRequested,
} from './intake-handlers';
import type { FetcherDb } from '../schema/fetcher-schema';

// Every fetcher consumer gets the shared list of malformed and forged messages (@sf/messaging/testing) published
// straight to JetStream, as a hostile client would: each is dead-lettered with its reason, none has an effect, and
// the real event published after them is still handled.
// Draining may wait on a busy shared Postgres (see MALFORMED_DRAIN_MS); the test gets longer than that.
jest.setTimeout(MALFORMED_DRAIN_MS + 30_000);

describe('fetcher consumers refuse malformed and forged messages (real Postgres and NATS)', () => {
  let t: TestDatabase<FetcherDb>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let topology: Topology;

  beforeAll(async () => {
    t = await createTestDatabase();
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
    topology = testTopology(uniqueName('fmal'), fetcherConsumerOptions());
    await provision(jsm, topology);
  });
  afterAll(async () => {
    await deleteStreams(jsm, topology);
    await nc.close();
    await t.drop();
  });

  const cases: Array<[string, EventType, MessageHandler<FetcherDb>, EventType]> = [
    [FetcherConsumers.requests, EventTypes.SyncRequested, onSyncRequested, EventTypes.SyncJobPaused],
    [FetcherConsumers.cancelled, EventTypes.SyncJobCancelled, onSyncJobCancelled, EventTypes.SyncRequested],
    [FetcherConsumers.paused, EventTypes.SyncJobPaused, onSyncJobPaused, EventTypes.SyncJobCancelled],
    [FetcherConsumers.resumed, EventTypes.SyncJobResumed, onSyncJobResumed, EventTypes.SyncJobPaused],
    [FetcherConsumers.bookmarksReset, EventTypes.SyncBookmarksReset, onSyncBookmarksReset, EventTypes.SyncRequested],
  ];

  it.each(cases)(
    '%s dead-letters every malformed or forged %s and handles the real one after them',
    async (consumer, type, handler, otherType) => {
      const firmId = uniqueName('firm');
      const good = await appendExample(t.db, type, firmId);
      const report = await checkMalformedMessages({ nc, db: t.db, topology, consumer, handler, good, otherType });
      report.cases.forEach((c, i) =>
        expect([c.name, report.reasons[i]]).toEqual([c.name, expect.stringMatching(c.reason)]),
      );
      expect(report.inbox).toEqual([good.eventId]);
      // Nothing reached the work queue but the real event's job (a forged request or control would add or change one).
      const work = await t.db.selectFrom('work_queue').select(['job_id']).where('firm_id', '=', firmId).execute();
      const goodJob = (good.data as { jobId: string }).jobId;
      expect(work.map((w) => w.job_id).filter((id) => id !== goodJob)).toEqual([]);
    },
  );
});
