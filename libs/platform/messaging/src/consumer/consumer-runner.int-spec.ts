import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { trace } from '@opentelemetry/api';
import { sql } from 'kysely';
import { SUBJECTS, toWire, type RecordedEvent, type TraceContext } from '@sf/contracts';
import { LogPosition, loadCheckpoint } from '@sf/event-store';
import { metricsText } from '@sf/metrics';
import { connectTestNats, createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { provision } from '../provision';
import { createRelay } from '../relay/relay';
import {
  appendEach,
  deleteStreams,
  messageCount,
  storedMessages,
  syncRequested,
  testTopology,
} from '../testing/messaging-test-kit';
import { deadLetterSubjectIn, type ConsumerOptions } from '../topology';
import { Hdr, relayCheckpointName } from '../wire-names';
import { createConsumerRunner, type ConsumerRunner } from './consumer-runner';
import { Disposition } from './disposition';
import type { MessageHandler } from './message-handler';
import type { EventStoreTables } from '@sf/event-store';
import type { MessagingTables } from '../schema/messaging.tables';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

describe('consumer runner', () => {
  let t: TestDatabase<EventStoreTables & MessagingTables>;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  const id = uniqueName('cons');
  // Each test's events carry the test's consumer name as firm id, and each consumer reads only that firm.
  const consumers: ConsumerOptions[] = ['apply', 'traced', 'poison', 'flaky', 'dead', 'pruned'].map((name) => ({
    name,
    filterSubject: SUBJECTS.firmEvents(name),
    ackWaitMs: 2_000,
    maxDeliver: 3,
  }));
  const topology = testTopology(id, consumers);
  const stream = topology.streams.events.name;
  const runners: ConsumerRunner[] = [];

  const run = async (
    name: string,
    handler: MessageHandler<EventStoreTables & MessagingTables>,
  ): Promise<ConsumerRunner> => {
    const spec = topology.consumers.find((c) => c.name === name)!;
    const runner = createConsumerRunner({
      nc,
      db: t.db,
      topology,
      consumer: spec,
      handler,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const drained = (name: string) =>
    waitFor(
      () => jsm.consumers.info(stream, name),
      (ci) => ci.num_pending === 0 && ci.num_ack_pending === 0,
      { description: `${name} drained` },
    );
  const effect =
    (consumer: string): MessageHandler<EventStoreTables & MessagingTables> =>
    async (e, trx) => {
      await sql`insert into test_effects (consumer, event_id) values (${consumer}, ${e.eventId}::uuid)`.execute(trx);
      return Disposition.ack;
    };
  const effectsOf = async (consumer: string): Promise<string[]> =>
    (
      await sql<{
        event_id: string;
      }>`select event_id::text from test_effects where consumer = ${consumer} order by event_id`.execute(t.db)
    ).rows.map((r) => r.event_id);
  /** Appends, relays to the stream, returns the recorded events. */
  const publish = async (events: ReturnType<typeof syncRequested>[]): Promise<RecordedEvent[]> => {
    const recorded = await appendEach(t.db, events);
    const relay = createRelay({ name: 'main', db: t.db, lockUrl: t.url, nc, topology });
    void relay.run();
    const last = LogPosition.of(recorded[recorded.length - 1]!);
    await waitFor(
      () => loadCheckpoint(t.db, relayCheckpointName('main')),
      (p) => LogPosition.compare(p, last) >= 0,
    );
    await relay.stop();
    return recorded;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    await sql`create table test_effects (consumer text not null, event_id uuid not null)`.execute(t.db);
    nc = await connectTestNats();
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await provision(jsm, topology);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await deleteStreams(jsm, topology);
    await nc.close();
    await t.drop();
  });

  it('applies each event once with its inbox row, and a redelivered copy changes nothing', async () => {
    const events = await publish([syncRequested('apply'), syncRequested('apply'), syncRequested('apply')]);
    const runner = await run('apply', effect('apply'));
    await drained('apply');
    const ids = events.map((e) => e.eventId).sort();
    expect(await effectsOf('apply')).toEqual(ids);

    // The same event again under another Nats-Msg-Id (as after a relay re-publish past the dedupe window).
    await js.publish(`${id}.events.apply.SyncRequested`, JSON.stringify(toWire(events[0]!)), {
      msgID: uniqueName('again'),
    });
    await drained('apply');
    expect(await effectsOf('apply')).toEqual(ids);
    const inbox = await t.db.selectFrom('inbox').select('event_id').where('consumer', '=', 'apply').execute();
    expect(inbox.map((r) => r.event_id).sort()).toEqual(ids);
    expect(runner.stats()).toMatchObject({ acked: 4, retried: 0, deadLettered: 0 });
    // The running consumer reports its inbox's size (three events applied, the copy added no row).
    expect((await metricsText()).body).toMatch(/^sf_inbox_rows\{consumer="apply"[^}]*\} 3$/m);
  });

  it("prunes its inbox of rows past the streams' horizon at start, and keeps the rest", async () => {
    // The test topology's streams keep messages an hour: rows are kept an hour and a day, 25 hours.
    for (const [eventId, hoursAgo] of [
      ['00000000-0000-4000-8000-000000000026', 26],
      ['00000000-0000-4000-8000-000000000024', 24],
    ] as const)
      await sql`insert into inbox (consumer, event_id, processed_at)
                values ('pruned', ${eventId}::uuid, now() - make_interval(hours => ${hoursAgo}))`.execute(t.db);
    const left = () => t.db.selectFrom('inbox').select('event_id').where('consumer', '=', 'pruned').execute();

    await run('pruned', effect('pruned'));

    await waitFor(left, (r) => r.length === 1, { description: 'the 26-hour-old row pruned' });
    expect(await left()).toEqual([{ event_id: '00000000-0000-4000-8000-000000000024' }]);
  });

  it('hands the handler the trace of the original request: append -> relay -> consumer keeps the trace id', async () => {
    const traced: TraceContext = { traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01` };
    const [event] = await publish([syncRequested('traced', { trace: traced })]);
    const seen: { trace?: TraceContext; traceId?: string }[] = [];
    await run('traced', async (e, _trx, ctx) => {
      if (e.eventId === event!.eventId)
        seen.push({ trace: ctx.trace, traceId: trace.getSpanContext(ctx.otel)?.traceId });
      return Disposition.ack;
    });
    await drained('traced');
    expect(seen).toEqual([{ trace: traced, traceId: TRACE_ID }]);
  });

  it('dead-letters invalid envelopes at once, with the reason and origin, and keeps processing the next messages', async () => {
    const subject = `${id}.events.poison.SyncRequested`;
    await js.publish(subject, 'not json {', { msgID: uniqueName('p') });
    const bad = await js.publish(
      subject,
      JSON.stringify({ eventId: 'x', type: 'SyncRequested', data: { secret: 'client-name' } }),
      {
        msgID: uniqueName('p'),
      },
    );
    const [good] = await publish([syncRequested('poison')]);
    const dlqStream = topology.streams.deadLetters.name;
    const dlqBefore = await messageCount(jsm, dlqStream);
    await run('poison', effect('poison'));
    await drained('poison');

    expect(await effectsOf('poison')).toContain(good!.eventId);
    await waitFor(
      () => messageCount(jsm, dlqStream),
      (n) => n === dlqBefore + 2,
    );
    const letters = (await storedMessages(jsm, dlqStream)).filter(
      (m) => m.subject === deadLetterSubjectIn(topology, 'poison'),
    );
    expect(letters.map((m) => m.header.get(Hdr.DlqReason))).toEqual([
      'invalid envelope: body is not JSON',
      expect.stringMatching(/^invalid envelope: /),
    ]);
    const second = letters[1]!;
    expect(second.header.get(Hdr.DlqReason)).not.toContain('client-name');
    expect(second.string()).toContain('client-name'); // the original body is kept for the operator
    expect(second.header.get(Hdr.DlqConsumer)).toBe('poison');
    expect(second.header.get(Hdr.DlqSubject)).toBe(subject);
    expect(second.header.get(Hdr.DlqStream)).toBe(stream);
    expect(second.header.get(Hdr.DlqStreamSeq)).toBe(String(bad.seq));
    expect(second.header.get(Hdr.DlqDeliveries)).toBe('1');
  });

  it('retries a handler that keeps throwing up to maxDeliver, then dead-letters it, while other events commit', async () => {
    const [poison, fine] = await publish([syncRequested('flaky', { matterId: 'poison' }), syncRequested('flaky')]);
    const attempts = new Map<string, number>();
    const runner = await run('flaky', async (e, trx) => {
      attempts.set(e.eventId, (attempts.get(e.eventId) ?? 0) + 1);
      await sql`insert into test_effects (consumer, event_id) values ('flaky', ${e.eventId}::uuid)`.execute(trx);
      if ((e.data as { scope: { matterId?: string } }).scope.matterId === 'poison')
        throw new Error('matter 4711 is locked');
      return Disposition.ack;
    });
    await drained('flaky');
    const letter = await waitFor(
      async () =>
        (await storedMessages(jsm, topology.streams.deadLetters.name)).find(
          (m) => m.subject === deadLetterSubjectIn(topology, 'flaky'),
        ),
      (m) => m !== undefined,
    );
    expect(attempts.get(poison!.eventId)).toBe(3);
    expect(letter!.header.get(Hdr.DlqReason)).toBe('gave up after 3 deliveries: handler threw Error');
    expect(letter!.header.get(Hdr.DlqDeliveries)).toBe('3');
    // The failed attempts were rolled back (effect and inbox row); the healthy event in the same batches committed.
    expect(await effectsOf('flaky')).toEqual([fine!.eventId]);
    expect(attempts.get(fine!.eventId)).toBe(1);
    expect(runner.stats()).toMatchObject({ acked: 1, retried: 2, deadLettered: 1 });
  });

  it('dead-letters on a dead disposition without retrying and rolls back what the handler wrote', async () => {
    const [event] = await publish([syncRequested('dead')]);
    const runner = await run('dead', async (e, trx) => {
      await sql`insert into test_effects (consumer, event_id) values ('dead', ${e.eventId}::uuid)`.execute(trx);
      return Disposition.dead('job unknown to this service');
    });
    await drained('dead');
    expect(await effectsOf('dead')).toEqual([]);
    const letters = (await storedMessages(jsm, topology.streams.deadLetters.name)).filter(
      (m) => m.subject === deadLetterSubjectIn(topology, 'dead'),
    );
    expect(
      letters.map((m) => [
        (m.json() as { eventId: string }).eventId,
        m.header.get(Hdr.DlqReason),
        m.header.get(Hdr.DlqDeliveries),
      ]),
    ).toEqual([[event!.eventId, 'job unknown to this service', '1']]);
    expect(runner.stats()).toMatchObject({ acked: 0, retried: 0, deadLettered: 1 });
  });
});
