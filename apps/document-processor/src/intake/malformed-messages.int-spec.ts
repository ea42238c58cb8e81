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
import { onJobCancelled, onJobStarted, processorConsumerOptions, ProcessorConsumers } from './intake';
import type { ProcessorDb } from '../schema/processor-schema';

// Every processor consumer gets the shared list of malformed and forged messages (@sf/messaging/testing) published
// straight to JetStream: each is dead-lettered with its reason, none reaches the work queue, and the real event
// published after them is still handled.
// Draining may wait on a busy shared Postgres (see MALFORMED_DRAIN_MS); the test gets longer than that.
jest.setTimeout(MALFORMED_DRAIN_MS + 30_000);

describe('processor consumers refuse malformed and forged messages (real Postgres and NATS)', () => {
  let t: TestDatabase<ProcessorDb>;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let topology: Topology;

  beforeAll(async () => {
    t = await createTestDatabase();
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
    topology = testTopology(uniqueName('pmal'), processorConsumerOptions());
    await provision(jsm, topology);
  });
  afterAll(async () => {
    await deleteStreams(jsm, topology);
    await nc.close();
    await t.drop();
  });

  const cases: Array<[string, EventType, MessageHandler<ProcessorDb>, EventType]> = [
    [ProcessorConsumers.started, EventTypes.JobStarted, onJobStarted, EventTypes.JobCancelled],
    [ProcessorConsumers.cancelled, EventTypes.JobCancelled, onJobCancelled, EventTypes.JobStarted],
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
      const work = await t.db.selectFrom('work_queue').select(['job_id']).where('firm_id', '=', firmId).execute();
      expect(work.map((w) => w.job_id)).toEqual([(good.data as { jobId: string }).jobId]);
    },
  );
});
