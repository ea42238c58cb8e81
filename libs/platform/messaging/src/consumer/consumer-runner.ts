import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { contextFromHeaders, contextWithSpan, endSpan, extractTrace, startProcessSpan } from '@sf/telemetry';
import { deadLetterSubjectIn, type ConsumerSpec, type Topology } from '../topology';
import { applyBatch, type Delivery } from './apply-batch';
import { decodeMessage } from './decode-message';
import { BatchQueue } from './batch-queue';
import { extendAckWait, releaseUnprocessed, settle, type AdapterContext } from './jetstream-adapter';
import type { MessageHandler } from './message-handler';
import type { MessagingTables } from '../schema/messaging.tables';
import { settlementFor, type Outcome, type RetryPolicy, type Settlement } from './settlement';

export interface ConsumerRunnerOptions<DB extends MessagingTables> {
  nc: NatsConnection;
  db: Kysely<DB>;
  topology: Pick<Topology, 'namespace'>;
  /** The provisioned consumer (from `defineTopology(...).consumers`). */
  consumer: ConsumerSpec;
  handler: MessageHandler<DB>;
  /** Messages applied per transaction (and pulled per request). Default 100. */
  batchSize?: number;
  /** Backoff of naks after a thrown error or a retry without `afterMs`. Default 500 ms doubling, capped at 60 s. */
  retry?: RetryPolicy;
  /** Called with failures the runner survives (the batch's messages are then redelivered after ack_wait). */
  onError?: (err: unknown) => void;
  /** Test-only fault injection. */
  faults?: ConsumerFaults;
}

export interface ConsumerFaults {
  /** Runs after a batch's transaction committed and before any of its messages is settled. */
  afterCommit?: () => void;
}

export interface ConsumerRunnerStats {
  acked: number;
  retried: number;
  deadLettered: number;
  batches: number;
}

export interface ConsumerRunner {
  /** Resolves once the consumer is attached and pulling. */
  start(): Promise<void>;
  /** Finishes the batch in hand, stops pulling and flushes acks; unprocessed buffered messages are redelivered. */
  stop(): Promise<void>;
  stats(): ConsumerRunnerStats;
}

const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 60_000 };

/**
 * Runs a durable pull consumer: takes the messages that have arrived (up to a batch), decodes every one,
 * applies the valid ones with `applyBatch` (inbox + handler, one transaction), and only after the commit settles
 * each message through the adapter. Batches are applied one after another: ordering within a consumer is kept
 * except for retried messages. Scale out with more processes, not in-process concurrency.
 */
export const createConsumerRunner = <DB extends MessagingTables>(o: ConsumerRunnerOptions<DB>): ConsumerRunner => {
  const batchSize = o.batchSize ?? 100;
  const js = jetstream(o.nc);
  const adapter: AdapterContext = {
    js,
    consumer: o.consumer.name,
    deadLetterSubject: deadLetterSubjectIn(o.topology, o.consumer.name),
    now: () => new Date(),
  };
  const stats: ConsumerRunnerStats = { acked: 0, retried: 0, deadLettered: 0, batches: 0 };
  let messages: ConsumerMessages | undefined;
  let loop: Promise<void> | undefined;

  const processBatch = async (batch: JsMsg[]): Promise<void> => {
    const settlements = await decideBatch(o, batch);
    o.faults?.afterCommit?.();
    for (const [i, msg] of batch.entries()) {
      const result = await settle(adapter, msg, settlements[i]!);
      if (result === 'acked') stats.acked += 1;
      else if (result === 'dead-lettered') stats.deadLettered += 1;
      else stats.retried += 1;
    }
    stats.batches += 1;
  };

  // Two batches in hand at most: one being applied, the next one ready.
  const queue = new BatchQueue<JsMsg>(2 * batchSize);
  let stopping = false;

  // Reading and applying run side by side: the NATS iterator must keep turning (it sends the next pull
  // requests), while the worker applies whatever has arrived as one batch.
  const read = async (msgs: ConsumerMessages): Promise<void> => {
    try {
      for await (const m of msgs) {
        queue.push(m);
        await queue.room();
      }
    } catch (err) {
      o.onError?.(err);
    } finally {
      queue.close();
    }
  };
  const work = async (): Promise<void> => {
    while (!stopping) {
      const batch = await queue.take(batchSize);
      if (batch.length === 0) break;
      await processBatch(batch).catch((err: unknown) => o.onError?.(err));
    }
  };

  return {
    start: async () => {
      if (messages) return;
      const consumer = await js.consumers.get(o.consumer.stream, o.consumer.name);
      messages = await consumer.consume({ max_messages: batchSize });
      loop = Promise.all([read(messages), work()]).then(() => undefined);
    },
    stop: async () => {
      stopping = true;
      await messages?.close();
      await loop;
      // Delivered but never applied: hand them back now rather than after ack_wait.
      releaseUnprocessed(queue.drain());
      await o.nc.flush();
    },
    stats: () => ({ ...stats }),
  };
};

interface Prepared {
  msg: JsMsg;
  outcome?: Outcome;
  delivery?: Delivery;
  finish: (s: Settlement) => void;
}

/** Decodes, applies and decides: one Settlement per message, in order, after the batch's commit. */
const decideBatch = async <DB extends MessagingTables>(
  o: ConsumerRunnerOptions<DB>,
  batch: readonly JsMsg[],
): Promise<Settlement[]> => {
  const prepared = batch.map((msg) => prepare(o.consumer.name, msg));
  const valid = prepared.filter((p) => p.delivery !== undefined);
  let extendedAt = Date.now();
  const outcomes = await applyBatch(
    o.db,
    o.consumer.name,
    valid.map((p) => p.delivery!),
    o.handler,
    (i) => {
      // A long batch keeps the messages still waiting from hitting ack_wait and being redelivered meanwhile.
      if (Date.now() - extendedAt > o.consumer.ackWaitMs / 2) {
        extendedAt = Date.now();
        extendAckWait(valid.slice(i).map((p) => p.msg));
      }
    },
  );
  valid.forEach((p, i) => (p.outcome = outcomes[i]));
  return prepared.map((p) => {
    const s = settlementFor(p.outcome!, p.msg.info.deliveryCount, o.consumer.maxDeliver, o.retry ?? DEFAULT_RETRY);
    p.finish(s);
    return s;
  });
};

const prepare = (consumer: string, msg: JsMsg): Prepared => {
  const decoded = decodeMessage(msg);
  const parent = contextFromHeaders(msg.headers);
  const span = startProcessSpan({
    consumer,
    destinationTemplate: consumer,
    destinationName: msg.subject,
    messageId: decoded.ok ? decoded.event.eventId : '',
    conversationId: decoded.ok ? decoded.event.metadata.correlationId : '',
    deliveryCount: msg.info.deliveryCount,
    parent,
  });
  const finish = (s: Settlement): void => endSpan(span, s.kind === 'ack' ? undefined : { type: s.kind });
  if (!decoded.ok) return { msg, outcome: { kind: 'invalid', reason: decoded.reason }, finish };
  const ctx = {
    consumer,
    subject: msg.subject,
    streamSequence: msg.info.streamSequence,
    deliveryCount: msg.info.deliveryCount,
    trace: extractTrace(msg.headers),
    otel: contextWithSpan(parent, span),
  };
  return { msg, delivery: { event: decoded.event, ctx }, finish };
};
