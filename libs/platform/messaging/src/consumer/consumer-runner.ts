import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { consumerAckPending, consumerMessages, consumerPending, consumerRedeliveries, deadLetters } from '@sf/metrics';
import { contextFromHeaders, contextWithSpan, endSpan, extractTrace, startProcessSpan } from '@sf/telemetry';
import { provision } from '../provision';
import { deadLetterSubjectIn, type ConsumerSpec, type Topology } from '../topology';
import { applyBatch, type Delivery } from './apply-batch';
import { decodeMessage, type Decoded } from './decode-message';
import { verifyInLog, type Verified } from './verify-in-log';
import { BatchQueue } from './batch-queue';
import { registerInboxGauge } from './inbox-gauge';
import { inboxHorizonMs, startInboxPruner, type InboxPruner } from './inbox-pruner';
import { startRedriveResponder, type RedriveResponder } from './redrive-responder';
import { extendAckWait, releaseUnprocessed, settle, type AdapterContext } from './jetstream-adapter';
import type { MessageHandler } from './message-handler';
import type { EventStoreTables } from '@sf/event-store';
import type { MessagingTables } from '../schema/messaging.tables';

/** What a consumer reads and writes besides its handler's tables: the log (to verify messages) and the inbox. */
export type ConsumerTables = EventStoreTables & MessagingTables;
import { errorType, settlementFor, type Outcome, type RetryPolicy, type Settlement } from './settlement';

export interface ConsumerRunnerOptions<DB extends ConsumerTables> {
  nc: NatsConnection;
  db: Kysely<DB>;
  /** With `streams`, a stream or consumer the server lost (it came back empty) is provisioned again. */
  topology: Pick<Topology, 'namespace'> & Partial<Pick<Topology, 'streams'>>;
  /** The provisioned consumer (from `defineTopology(...).consumers`). */
  consumer: ConsumerSpec;
  handler: MessageHandler<DB>;
  /** Messages applied per transaction (and pulled per request). Default 100. */
  batchSize?: number;
  /** Bodies above this many bytes are dead-lettered unread. Default 256 KiB. */
  maxMessageBytes?: number;
  /** Backoff of naks after a thrown error or a retry without `afterMs`. Default 500 ms doubling, capped at 60 s. */
  retry?: RetryPolicy;
  /**
   * Inbox rows are kept this long, then pruned (see `inboxHorizonMs`). Default: the longer of the events and
   * dead-letter streams' ages in `topology.streams` (or their defaults) plus a day.
   */
  inboxHorizonMs?: number;
  /** Period of the inbox pruning passes; the first runs at start. Default an hour. */
  inboxPruneEveryMs?: number;
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
  /** For readiness: whether it is pulling, and how long the batch in hand has been applying (null when idle). */
  loopState(): ConsumerLoopState;
}

export interface ConsumerLoopState {
  consumer: string;
  running: boolean;
  busyMs: number | null;
}

const PULL_EXPIRES_MS = 5_000;

const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 60_000 };

/**
 * Runs a durable pull consumer: takes the messages that have arrived (up to a batch), decodes every one,
 * applies the valid ones with `applyBatch` (inbox + handler, one transaction), and only after the commit settles
 * each message through the adapter. Batches are applied one after another: ordering within a consumer is kept
 * except for retried messages. Scale out with more processes, not in-process concurrency.
 */
export const createConsumerRunner = <DB extends ConsumerTables>(o: ConsumerRunnerOptions<DB>): ConsumerRunner => {
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
  let redrives: RedriveResponder | undefined;
  let pruner: InboxPruner | undefined;

  let busySince: number | null = null;
  let unregisterGauges: Array<() => void> = [];

  const processBatch = async (batch: JsMsg[]): Promise<void> => {
    const settlements = await decideBatch(o, batch);
    o.faults?.afterCommit?.();
    for (const [i, msg] of batch.entries()) {
      const result = await settle(adapter, msg, settlements[i]!);
      const consumer = o.consumer.name;
      if (msg.info.deliveryCount > 1) consumerRedeliveries.inc({ consumer });
      if (result === 'acked') stats.acked += 1;
      else if (result === 'dead-lettered') stats.deadLettered += 1;
      else stats.retried += 1;
      if (result === 'dead-lettered') deadLetters.inc({ consumer });
      consumerMessages.inc({
        consumer,
        outcome: result === 'acked' ? 'ack' : result === 'dead-lettered' ? 'dead' : 'retry',
      });
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
      busySince = Date.now();
      await processBatch(batch).catch((err: unknown) => o.onError?.(err));
      busySince = null;
    }
  };

  return {
    start: async () => {
      if (messages) return;
      const consumer = await js.consumers.get(o.consumer.stream, o.consumer.name);
      // Short pull expiry: a consumer found missing after a reconnect is looked up again every `expires` (the
      // client's fixed backoff), so once provisioned again it resumes within seconds, not the default 30 s.
      messages = await consumer.consume({ max_messages: batchSize, expires: PULL_EXPIRES_MS });
      const labels = { consumer: o.consumer.name };
      const info = (): ReturnType<typeof consumer.info> => consumer.info();
      unregisterGauges = [
        consumerPending.source(async () => [{ labels, value: (await info()).num_pending }]),
        consumerAckPending.source(async () => [{ labels, value: (await info()).num_ack_pending }]),
        registerInboxGauge(o.db, o.consumer.name),
      ];
      // The iterator survives reconnects by itself (it re-pulls); only a lost stream or consumer needs us.
      watchForLoss(o, messages).catch((err: unknown) => o.onError?.(err));
      loop = Promise.all([read(messages), work()]).then(() => undefined);
      // `sf dlq redrive` asks this consumer's replicas to apply a dead letter (see redrive-responder.ts).
      redrives = startRedriveResponder(o);
      pruner = startInboxPruner({
        db: o.db,
        consumer: o.consumer.name,
        horizonMs: o.inboxHorizonMs ?? inboxHorizonMs(o.topology.streams),
        everyMs: o.inboxPruneEveryMs,
        onError: o.onError,
      });
    },
    stop: async () => {
      stopping = true;
      await redrives?.stop();
      await pruner?.stop();
      for (const off of unregisterGauges.splice(0)) off();
      await messages?.close();
      await loop;
      // Delivered but never applied: hand them back now rather than after ack_wait.
      releaseUnprocessed(queue.drain());
      await o.nc.flush();
    },
    stats: () => ({ ...stats }),
    loopState: () => ({
      consumer: o.consumer.name,
      running: messages !== undefined && !stopping,
      busyMs: busySince === null ? null : Date.now() - busySince,
    }),
  };
};

const LOST = new Set(['consumer_not_found', 'stream_not_found', 'consumer_deleted']);

/** Re-provisions the stream and this consumer when the server says they are gone; the iterator then resumes. */
const watchForLoss = async <DB extends ConsumerTables>(
  o: ConsumerRunnerOptions<DB>,
  messages: ConsumerMessages,
): Promise<void> => {
  const streams = o.topology.streams;
  if (!streams) return;
  let busy = false;
  for await (const n of messages.status()) {
    if (!LOST.has(n.type) || busy) continue;
    busy = true;
    jetstreamManager(o.nc)
      .then((jsm) => provision(jsm, { namespace: o.topology.namespace, streams, consumers: [o.consumer] }))
      .catch((err: unknown) => o.onError?.(err))
      .finally(() => (busy = false));
  }
};

interface Prepared {
  msg: JsMsg;
  outcome?: Outcome;
  delivery?: Delivery;
  finish: (s: Settlement) => void;
}

/** Decodes, verifies, applies and decides: one Settlement per message, in order, after the batch's commit. */
const decideBatch = async <DB extends ConsumerTables>(
  o: ConsumerRunnerOptions<DB>,
  batch: readonly JsMsg[],
): Promise<Settlement[]> => {
  const prepared = batch.map((msg) => prepare(o.consumer.name, msg, o.maxMessageBytes));
  await checkAgainstLog(o, prepared);
  const valid = prepared.filter((p) => p.delivery !== undefined && p.outcome === undefined);
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

/**
 * Before any transaction: messages the log does not back are refused, and the others carry the event as logged.
 * The lookup is outside the batch's transaction, so nothing is held open while it runs.
 */
const checkAgainstLog = async <DB extends ConsumerTables>(
  o: ConsumerRunnerOptions<DB>,
  prepared: Prepared[],
): Promise<void> => {
  const decoded = prepared.filter((p) => p.delivery !== undefined);
  if (decoded.length === 0) return;
  let verdicts: Verified[];
  try {
    verdicts = await verifyInLog(
      o.db,
      o.topology,
      decoded.map((p) => ({ subject: p.msg.subject, event: p.delivery!.event })),
    );
  } catch (err) {
    const threw: Outcome = { kind: 'threw', errorType: errorType(err) };
    for (const p of decoded) p.outcome = threw;
    return;
  }
  decoded.forEach((p, i) => {
    const v = verdicts[i]!;
    if (v.ok) p.delivery = { ...p.delivery!, event: v.event };
    else p.outcome = { kind: 'refused', reason: v.reason };
  });
};

/** Never throws: a body that breaks the decoder is a dead letter, not a batch that fails forever. */
const decodeSafely = (msg: JsMsg, maxBytes: number | undefined): Decoded => {
  try {
    return decodeMessage(msg, maxBytes);
  } catch (err) {
    return { ok: false, reason: `body could not be read (${errorType(err)})` };
  }
};

const prepare = (consumer: string, msg: JsMsg, maxBytes: number | undefined): Prepared => {
  const decoded = decodeSafely(msg, maxBytes);
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
