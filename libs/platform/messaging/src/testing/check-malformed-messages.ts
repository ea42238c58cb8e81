import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager, type StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { subjectFor, toWire, type EventType, type RecordedEvent } from '@sf/contracts';
import { tablesOf } from '@sf/db';
import { createConsumerRunner, type ConsumerTables } from '../consumer/consumer-runner';
import type { MessageHandler } from '../consumer/message-handler';
import { deadLetterSubjectIn, eventSubjectIn, type Topology } from '../topology';
import { Hdr } from '../wire-names';
import { appendExample } from './append-example';
import { malformedCases, type MalformedCase } from './malformed-messages';

/** How long a consumer may take to drain the cases; specs give their tests more than this. */
export const MALFORMED_DRAIN_MS = 90_000;

export interface MalformedCheck<DB extends ConsumerTables> {
  nc: NatsConnection;
  db: Kysely<DB>;
  /** Provisioned, with `consumer` in it. */
  topology: Topology;
  consumer: string;
  handler: MessageHandler<DB>;
  /** A real event of the consumer's type, already in the log; the consumer must still handle it after the bad ones. */
  good: RecordedEvent;
  /** Another event type: the check appends its example, for the "type differs from the subject" case. */
  otherType: EventType;
}

export interface MalformedReport {
  cases: MalformedCase[];
  /** Per case, the Sf-Dlq-Reason of its dead letter (undefined: none). */
  reasons: (string | undefined)[];
  /** Event ids this consumer has inbox rows for, after it drained. */
  inbox: string[];
}

/**
 * Publishes every case of {@link malformedCases} straight to JetStream (as a hostile client would), then the good
 * event, runs the consumer with its real handler until it drained, and reports the dead letters and inbox rows.
 */
export const checkMalformedMessages = async <DB extends ConsumerTables>(
  c: MalformedCheck<DB>,
): Promise<MalformedReport> => {
  const other = await appendExample(c.db, c.otherType, c.good.metadata.firmId);
  const subject = eventSubjectIn(c.topology, subjectFor(c.good));
  const otherFirm = eventSubjectIn(
    c.topology,
    subjectFor({ ...c.good, metadata: { ...c.good.metadata, firmId: 'another-firm' } }),
  );
  const cases = malformedCases(c.good, other, otherFirm);
  const js = jetstream(c.nc);
  const seqs: number[] = [];
  for (const k of cases) seqs.push((await js.publish(k.subject ?? subject, k.body)).seq);
  await js.publish(subject, JSON.stringify(toWire(c.good)));
  const spec = c.topology.consumers.find((x) => x.name === c.consumer);
  if (!spec) throw new Error(`consumer ${c.consumer} is not in the topology`);
  const errors: unknown[] = [];
  const runner = createConsumerRunner({
    nc: c.nc,
    db: c.db,
    topology: c.topology,
    consumer: spec,
    handler: c.handler,
    onError: (err) => errors.push(err),
  });
  const jsm = await jetstreamManager(c.nc);
  await runner.start();
  try {
    // Polls (this lib cannot use @sf/testing's waitFor): drained = nothing pending, nothing awaiting an ack. A
    // handler that retries (a read model behind the event) waits on every transaction open on the server, so on a
    // busy shared Postgres draining can take a while: the deadline is generous, the spec's timeout above it.
    const deadline = Date.now() + MALFORMED_DRAIN_MS;
    for (;;) {
      const ci = await jsm.consumers.info(spec.stream, spec.name);
      if (ci.num_pending === 0 && ci.num_ack_pending === 0) break;
      if (Date.now() > deadline)
        throw new Error(
          `${spec.name} did not drain: ${ci.num_ack_pending} awaiting ack; errors: ${errors.map(String).join('; ')}`,
        );
      await sleep(50);
    }
  } finally {
    await runner.stop();
  }
  const letters = await deadLetters(c.nc, c.topology, c.consumer);
  const bySeq = new Map(letters.map((m) => [m.header.get(Hdr.DlqStreamSeq), m.header.get(Hdr.DlqReason)]));
  const inbox = await tablesOf<ConsumerTables, DB>(c.db)
    .selectFrom('inbox')
    .select('event_id')
    .where('consumer', '=', c.consumer)
    .execute();
  return { cases, reasons: seqs.map((s) => bySeq.get(String(s))), inbox: inbox.map((r) => r.event_id) };
};

const deadLetters = async (nc: NatsConnection, t: Topology, consumer: string): Promise<StoredMsg[]> => {
  const jsm = await jetstreamManager(nc);
  const stream = t.streams.deadLetters.name;
  const out: StoredMsg[] = [];
  const info = await jsm.streams.info(stream);
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (m && m.subject === deadLetterSubjectIn(t, consumer)) out.push(m);
  }
  return out;
};
