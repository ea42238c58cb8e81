import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { SUBJECTS } from '@sf/contracts';
import { newInboxOf, rebaseSubject, type Topology } from '@sf/messaging';
import { decodeLiveMessage } from './decode-live';
import { LIVE_EVENT_TYPES, type LiveMessage } from './live-message';

export type LiveTopology = Pick<Topology, 'namespace' | 'streams'>;

/** One forwarded event: its events-stream sequence (the SSE `id`, what `Last-Event-ID` resumes after) and message. */
export interface LiveItem {
  seq: number;
  message: LiveMessage;
}

/** One message of a firm's tail: its sequence, how many of the firm's messages followed it then, and its item. */
export interface TailMessage {
  seq: number;
  /** The firm's messages in the stream after this one when it was delivered (0: it was the newest). */
  pending: number;
  /** Null for an event that is not live progress (or does not decode): skipped, but its position still counts. */
  item: LiveItem | null;
}

export interface FirmTail {
  /** The firm's messages after the start when the consumer was made (0: nothing to deliver yet). */
  readonly pendingAtStart: number;
  /** Settles when the tail stopped (closed, or NATS closed under it). */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

/** Opens one firm's tail from the message after `afterSeq` (`openFirmTail` over the process's connection). */
export type OpenTail = (firmId: string, afterSeq: number, onMessage: (m: TailMessage) => void) => Promise<FirmTail>;

/** The events stream's last sequence now (0 when empty): a snapshot read after it is at least this fresh. */
export const lastSequence = async (nc: NatsConnection, topology: LiveTopology): Promise<number> =>
  (await (await jetstreamManager(nc)).streams.info(topology.streams.events.name)).state.last_seq;

/**
 * Tails one firm's events (`<ns>.events.<firmId>.>`) from the message after `afterSeq`, with an ordered push
 * consumer (nothing acked, nothing durable) that delivers to this connection's own inbox: on the locked bus the
 * orchestrator may create such a consumer and answer its flow control, and nothing else (`tailsFirmEvents`). A pull
 * consumer would need a pull grant on any consumer name, which would reach other services' durables. nats-server
 * 2.9 takes one filter per consumer, so the tail reads every event of the firm and decodes only live-progress types,
 * decided from the subject. A consumer left behind (no delete grant) goes when idle for 5 minutes.
 */
export const openFirmTail = async (
  nc: NatsConnection,
  topology: LiveTopology,
  firmId: string,
  afterSeq: number,
  onMessage: (m: TailMessage) => void,
): Promise<FirmTail> => {
  const consumer = await jetstream(nc).consumers.getPushConsumer(topology.streams.events.name, {
    filter_subjects: rebaseSubject(topology.namespace, SUBJECTS.firmEvents(firmId)),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
    // Under the connection's inbox prefix (`_INBOX.<user>`), the one subject tree its user may subscribe to.
    deliver_prefix: newInboxOf(nc),
  });
  const pendingAtStart = (await consumer.info(true)).num_pending;
  const messages: ConsumerMessages = await consumer.consume();
  const done = (async () => {
    for await (const m of messages) {
      const type = m.subject.slice(m.subject.lastIndexOf('.') + 1);
      const message = LIVE_EVENT_TYPES.has(type) ? decodeLiveMessage(m) : null;
      onMessage({ seq: m.seq, pending: m.info.pending, item: message === null ? null : { seq: m.seq, message } });
    }
  })();
  return {
    pendingAtStart,
    done,
    close: async () => {
      messages.stop();
      await done.catch(() => undefined);
    },
  };
};
