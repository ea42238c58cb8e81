import { jetstream } from '@nats-io/jetstream';
import { headers as newHeaders, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import { tablesOf, type Executor } from '@sf/db';
import type { MessagingTables } from '../schema/messaging.tables';
import type { Topology } from '../topology';
import { Hdr } from '../wire-names';
import type { DeadLetter } from './dead-letter-view';

export type RedriveOutcome = 'redriven' | 'already_redriven' | 'no_original_subject';

export interface RedriveResult {
  seq: number;
  consumer: string;
  outcome: RedriveOutcome;
}

const DLQ_HEADERS: ReadonlySet<string> = new Set([
  Hdr.DlqReason,
  Hdr.DlqConsumer,
  Hdr.DlqSubject,
  Hdr.DlqStream,
  Hdr.DlqStreamSeq,
  Hdr.DlqDeliveries,
  Hdr.DlqFailedAt,
]);

/** The original headers (trace context included), without the dead-letter ones. */
const originalHeaders = (src: MsgHdrs | undefined): MsgHdrs => {
  const h = newHeaders();
  for (const key of src?.keys() ?? []) {
    if (DLQ_HEADERS.has(key) || key === Hdr.MsgId) continue;
    for (const v of src!.values(key)) h.append(key, v);
  }
  return h;
};

/**
 * Sends a dead letter back to its original subject, so the consumer that gave up gets it again (once a fix is
 * deployed), and records that it did in `dead_letter_redrives`. Idempotent: a dead letter already redriven is left
 * alone; one whose publish did not finish is published again under the same message id (the stream drops a copy it
 * already stored within its duplicate window). Other consumers of the subject get the copy too, and their inboxes
 * skip an event they applied; the consumer that dead-lettered it has no inbox row for it, so it applies it once.
 */
export const redriveDeadLetter = async <DB extends MessagingTables>(
  db: Executor<DB>,
  nc: NatsConnection,
  topology: Pick<Topology, 'streams'>,
  letter: DeadLetter,
  by: string | null,
): Promise<RedriveResult> => {
  const v = letter.view;
  const base = { seq: v.seq, consumer: v.consumer };
  if (!v.originalSubject) return { ...base, outcome: 'no_original_subject' };
  const dlqStream = topology.streams.deadLetters.name;
  const t = tablesOf<MessagingTables, DB>(db);
  await t
    .insertInto('dead_letter_redrives')
    .values({
      dlq_stream: dlqStream,
      dlq_seq: v.seq,
      consumer: v.consumer,
      event_id: v.eventId,
      original_subject: v.originalSubject,
      reason: v.reason.slice(0, 1000),
      redriven_by: by,
    })
    .onConflict((oc) => oc.columns(['dlq_stream', 'dlq_seq']).doNothing())
    .execute();
  const row = await t
    .selectFrom('dead_letter_redrives')
    .select('published')
    .where('dlq_stream', '=', dlqStream)
    .where('dlq_seq', '=', String(v.seq))
    .executeTakeFirstOrThrow();
  if (row.published) return { ...base, outcome: 'already_redriven' };
  await jetstream(nc).publish(v.originalSubject, letter.data, {
    headers: originalHeaders(letter.headers),
    msgID: `redrive:${dlqStream}:${v.seq}`,
  });
  await t
    .updateTable('dead_letter_redrives')
    .set({ published: true })
    .where('dlq_stream', '=', dlqStream)
    .where('dlq_seq', '=', String(v.seq))
    .execute();
  return { ...base, outcome: 'redriven' };
};

/** Which of these dead letters were redriven already (their DLQ sequences), for listings. */
export const redrivenSeqs = async <DB extends MessagingTables>(
  db: Executor<DB>,
  topology: Pick<Topology, 'streams'>,
  seqs: readonly number[],
): Promise<Set<number>> => {
  if (seqs.length === 0) return new Set();
  const rows = await tablesOf<MessagingTables, DB>(db)
    .selectFrom('dead_letter_redrives')
    .select('dlq_seq')
    .where('dlq_stream', '=', topology.streams.deadLetters.name)
    .where('published', '=', true)
    .where(
      'dlq_seq',
      'in',
      seqs.map((s) => String(s)),
    )
    .execute();
  return new Set(rows.map((r) => Number(r.dlq_seq)));
};
