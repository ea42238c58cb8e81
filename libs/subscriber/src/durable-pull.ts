import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import type { Validation } from '@sf/contracts';

/** Where a message stands in its stream, for logs and the handler's own bookkeeping. */
export interface Delivery {
  subject: string;
  streamSequence: number;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

export interface DurablePullOptions<T> {
  nc: NatsConnection;
  stream: string;
  /** Durable consumer name (`[A-Za-z0-9_-]+`): the server keeps its position across restarts. */
  durable: string;
  /** One subject filter (nats-server 2.9 takes one per consumer). */
  filter: string;
  decode: (body: unknown) => Validation<T>;
  handle: (value: T, delivery: Delivery) => Promise<void>;
  /** Messages pulled ahead of the handler (and unacked at once). Default 256. */
  batch?: number;
  /** Longest pause between two attempts of a failing handler, in ms. Default 30 000. */
  maxRetryDelayMs?: number;
  /** Time a delivered message may stay unacked, in ms. Default 30 000. */
  ackWaitMs?: number;
  /** Called for a message that is not valid JSON or not a valid message (it is terminated, never handled). */
  onInvalid?: (reason: string, delivery: Delivery) => void;
  /** Called when a handler fails (it is tried again, in place, after a growing pause). */
  onError?: (err: unknown, delivery: Delivery) => void;
}

export interface RunningSubscriber {
  /** Stops pulling; a message being handled finishes first. */
  stop(): Promise<void>;
  /** Messages handled and acknowledged so far. */
  handled(): number;
}

const deliveryOf = (m: JsMsg): Delivery => ({
  subject: m.subject,
  streamSequence: m.info.streamSequence,
  deliveryCount: m.info.deliveryCount,
});

/**
 * Creates (or keeps) a durable pull consumer with explicit acks and hands its messages to the handler one at a
 * time, in stream order: a message is acked only after its handler resolved. A handler that throws is tried again
 * in place after a growing pause (the message kept in progress), so a record's later change never overtakes an
 * earlier one; the consumer waits meanwhile. An invalid message is terminated and reported.
 */
export const startDurablePull = async <T>(o: DurablePullOptions<T>): Promise<RunningSubscriber> => {
  const jsm = await jetstreamManager(o.nc);
  const ackWaitMs = o.ackWaitMs ?? 30_000;
  await jsm.consumers
    .add(o.stream, {
      durable_name: o.durable,
      filter_subject: o.filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(ackWaitMs),
      max_ack_pending: o.batch ?? 256,
    })
    .catch(async (err: unknown) => {
      // Already there with this config (a restart): keep it.
      await jsm.consumers.info(o.stream, o.durable).catch(() => Promise.reject(err));
    });
  const consumer = await jetstream(o.nc).consumers.get(o.stream, o.durable);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: o.batch ?? 256, expires: 5_000 });
  let handled = 0;
  let stopping = false;
  const maxDelay = o.maxRetryDelayMs ?? 30_000;
  /** Runs the handler until it succeeds (or the subscriber stops); false when stopped first. */
  const handleInPlace = async (m: JsMsg, value: T, delivery: Delivery): Promise<boolean> => {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        await o.handle(value, delivery);
        return true;
      } catch (err) {
        o.onError?.(err, delivery);
        const delay = Math.min(maxDelay, 100 * 2 ** attempt);
        m.working();
        await new Promise((r) => setTimeout(r, Math.min(delay, ackWaitMs / 2)));
      }
    }
    return false;
  };
  const loop = (async () => {
    for await (const m of messages) {
      const delivery = deliveryOf(m);
      let body: unknown;
      try {
        body = m.json<unknown>();
      } catch {
        o.onInvalid?.('body: not JSON', delivery);
        m.term('not JSON');
        continue;
      }
      const decoded = o.decode(body);
      if (!decoded.ok) {
        o.onInvalid?.(decoded.reason, delivery);
        m.term(decoded.reason.slice(0, 200));
        continue;
      }
      if (await handleInPlace(m, decoded.value, delivery)) {
        m.ack();
        handled += 1;
      } else m.nak();
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await messages.close();
      await loop;
    },
    handled: () => handled,
  };
};
