import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { RedriveOutcomes, type RedriveReply } from '@sf/contracts';
import { contextFromHeaders, contextWithSpan, endSpan, extractTrace, startProcessSpan } from '@sf/telemetry';
import { redriveSubjectIn, type ConsumerSpec, type Topology } from '../topology';
import { Hdr } from '../wire-names';
import { applyBatch } from './apply-batch';
import type { ConsumerTables } from './consumer-runner';
import { decodeMessage } from './decode-message';
import type { MessageHandler } from './message-handler';
import { errorType, type Outcome } from './settlement';
import { verifyInLog } from './verify-in-log';

export interface RedriveResponderOptions<DB extends ConsumerTables> {
  nc: NatsConnection;
  db: Kysely<DB>;
  topology: Pick<Topology, 'namespace'>;
  consumer: Pick<ConsumerSpec, 'name'>;
  handler: MessageHandler<DB>;
  maxMessageBytes?: number;
  onError?: (err: unknown) => void;
}

export interface RedriveResponder {
  /** Stops taking redrives and waits for the ones in flight to be answered. */
  stop(): Promise<void>;
}

/** What one redriven event ended as, from the same outcome a delivery would get (no retries: the operator retries). */
export const redriveReplyOf = (o: Outcome): RedriveReply => {
  switch (o.kind) {
    case 'duplicate':
      return { outcome: RedriveOutcomes.alreadyApplied };
    case 'invalid':
    case 'refused':
      return { outcome: RedriveOutcomes.refused, reason: o.reason };
    case 'threw':
      return { outcome: RedriveOutcomes.failed, reason: `handler threw ${o.errorType}` };
    case 'handled':
      return o.disposition.kind === 'ack'
        ? { outcome: RedriveOutcomes.applied }
        : { outcome: RedriveOutcomes.failed, reason: o.disposition.reason };
  }
};

const num = (v: string | undefined): number => (v && /^\d+$/.test(v) ? Number(v) : 0);

/** Decodes, checks against the log under its original subject, and applies the dead letter once (inbox). */
const redrive = async <DB extends ConsumerTables>(o: RedriveResponderOptions<DB>, msg: Msg): Promise<Outcome> => {
  const decoded = decodeMessage(msg, o.maxMessageBytes);
  if (!decoded.ok) return { kind: 'invalid', reason: decoded.reason };
  const subject = msg.headers?.get(Hdr.DlqSubject) ?? '';
  const [verdict] = await verifyInLog(o.db, o.topology, [{ subject, event: decoded.event }]);
  if (!verdict!.ok) return { kind: 'refused', reason: verdict!.reason };
  const parent = contextFromHeaders(msg.headers);
  const deliveryCount = num(msg.headers?.get(Hdr.DlqDeliveries)) + 1;
  const span = startProcessSpan({
    consumer: o.consumer.name,
    destinationTemplate: o.consumer.name,
    destinationName: subject,
    messageId: verdict!.event.eventId,
    conversationId: verdict!.event.metadata.correlationId,
    deliveryCount,
    parent,
  });
  const ctx = {
    consumer: o.consumer.name,
    subject,
    streamSequence: num(msg.headers?.get(Hdr.DlqStreamSeq)),
    deliveryCount,
    trace: extractTrace(msg.headers),
    otel: contextWithSpan(parent, span),
  };
  const [outcome] = await applyBatch(o.db, o.consumer.name, [{ event: verdict!.event, ctx }], o.handler, () => {});
  endSpan(span, redriveReplyOf(outcome!).outcome === RedriveOutcomes.failed ? { type: 'redrive_failed' } : undefined);
  return outcome!;
};

/**
 * Answers the redrives of one consumer's dead letters (`sf.rpc.redrive.<consumer>`, queue group = the consumer):
 * the event is applied with the consumer's own handler and inbox, in one transaction, exactly as a delivery would
 * be, and the reply says what happened. A redrive is therefore never a second copy in the events stream, and only
 * the consumer that gave up gets it again.
 */
export const startRedriveResponder = <DB extends ConsumerTables>(o: RedriveResponderOptions<DB>): RedriveResponder => {
  const inflight = new Set<Promise<void>>();
  const handle = (msg: Msg): void => {
    const p = redrive(o, msg)
      .catch((err: unknown): Outcome => ({ kind: 'threw', errorType: errorType(err) }))
      .then((outcome) => void msg.respond(JSON.stringify(redriveReplyOf(outcome))))
      .catch((err: unknown) => o.onError?.(err))
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };
  const sub: Subscription = o.nc.subscribe(redriveSubjectIn(o.topology, o.consumer.name), {
    queue: o.consumer.name,
    callback: (err, msg) => {
      if (!err && msg.reply) handle(msg);
    },
  });
  return {
    stop: async () => {
      sub.unsubscribe();
      await Promise.all([...inflight]);
    },
  };
};
