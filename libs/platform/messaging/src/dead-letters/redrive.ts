import { errors, headers as newHeaders, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import { RedriveOutcomes, type RedriveOutcome, type RedriveReply } from '@sf/contracts';
import { tablesOf, type Executor } from '@sf/db';
import type { MessagingTables } from '../schema/messaging.tables';
import { redriveSubjectIn, type Topology } from '../topology';
import { Hdr } from '../wire-names';
import type { DeadLetter } from './dead-letter-view';

/**
 * How one redrive ended: the consumer's answer, or `already_redriven` (recorded before; nothing sent),
 * `no_original_subject` (a dead letter without its headers), `no_consumer_running` (no replica of the consumer
 * answers), `timed_out` (no answer in time: it may have applied; redriving again is safe, the inbox keeps it once).
 */
export type RedriveResultOutcome =
  RedriveOutcome | 'already_redriven' | 'no_original_subject' | 'no_consumer_running' | 'timed_out';

export interface RedriveResult {
  seq: number;
  consumer: string;
  outcome: RedriveResultOutcome;
  /** The consumer's reason when it failed again or refused. */
  reason?: string;
}

/** How long a consumer may take to apply one redriven event (its handler's transaction). */
const REDRIVE_TIMEOUT_MS = 30_000;

/** The dead letter's headers minus the message id; the `Sf-Dlq-*` ones tell the consumer the original subject. */
const requestHeaders = (src: MsgHdrs | undefined): MsgHdrs => {
  const h = newHeaders();
  for (const key of src?.keys() ?? []) {
    if (key === Hdr.MsgId) continue;
    for (const v of src!.values(key)) h.append(key, v);
  }
  return h;
};

const ask = async (
  nc: NatsConnection,
  subject: string,
  letter: DeadLetter,
): Promise<RedriveReply | 'no_consumer_running' | 'timed_out'> => {
  try {
    const m = await nc.request(subject, letter.data, {
      headers: requestHeaders(letter.headers),
      timeout: REDRIVE_TIMEOUT_MS,
    });
    return m.json<RedriveReply>();
  } catch (err) {
    // nats.js wraps both in a RequestError (the cause says which).
    const cause = err instanceof errors.RequestError ? err.cause : err;
    if (err instanceof errors.RequestError && err.isNoResponders()) return 'no_consumer_running';
    if (cause instanceof errors.NoRespondersError) return 'no_consumer_running';
    if (cause instanceof errors.TimeoutError || err instanceof errors.TimeoutError) return 'timed_out';
    throw err;
  }
};

/**
 * Asks the consumer that dead-lettered `letter` to apply it now (`sf.rpc.redrive.<consumer>`): one of its replicas
 * runs its handler through its inbox, in one transaction, and answers. Nothing is published to the events stream,
 * so no subscriber ever sees the event twice and the stream stays equal to the log. Recorded in
 * `dead_letter_redrives` once the consumer answered `applied` or `already_applied`; a recorded dead letter is not
 * sent again. Idempotent either way: a repeated request (a lost reply, two operators) finds the event in the
 * consumer's inbox and answers `already_applied`.
 */
export const redriveDeadLetter = async <DB extends MessagingTables>(
  db: Executor<DB>,
  nc: NatsConnection,
  topology: Pick<Topology, 'namespace' | 'streams'>,
  letter: DeadLetter,
  by: string | null,
): Promise<RedriveResult> => {
  const v = letter.view;
  const base = { seq: v.seq, consumer: v.consumer };
  if (!v.originalSubject) return { ...base, outcome: 'no_original_subject' };
  const dlqStream = topology.streams.deadLetters.name;
  const t = tablesOf<MessagingTables, DB>(db);
  const done = await t
    .selectFrom('dead_letter_redrives')
    .select('outcome')
    .where('dlq_stream', '=', dlqStream)
    .where('dlq_seq', '=', String(v.seq))
    .executeTakeFirst();
  if (done) return { ...base, outcome: 'already_redriven' };
  const reply = await ask(nc, redriveSubjectIn(topology, v.consumer), letter);
  if (typeof reply === 'string') return { ...base, outcome: reply };
  if (reply.outcome === RedriveOutcomes.applied || reply.outcome === RedriveOutcomes.alreadyApplied) {
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
        outcome: reply.outcome,
      })
      .onConflict((oc) => oc.columns(['dlq_stream', 'dlq_seq']).doNothing())
      .execute();
  }
  return { ...base, outcome: reply.outcome, ...(reply.reason === undefined ? {} : { reason: reply.reason }) };
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
    .where(
      'dlq_seq',
      'in',
      seqs.map((s) => String(s)),
    )
    .execute();
  return new Set(rows.map((r) => Number(r.dlq_seq)));
};
