import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { SUBJECTS } from '@sf/contracts';
import { rebaseSubject, type Topology } from '@sf/messaging';
import { decodeLiveMessage } from './decode-live';
import { LIVE_EVENT_TYPES, type LiveMessage } from './live-message';

export type LiveTopology = Pick<Topology, 'namespace' | 'streams'>;

/** One forwarded event: its events-stream sequence (the SSE `id`, what `Last-Event-ID` resumes after) and message. */
export interface LiveItem {
  seq: number;
  message: LiveMessage;
}

export interface LiveFeed {
  /** Calls `onItem` for every live-progress event of the firm after `afterSeq`, in stream order, until closed. */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

/** The events stream's last sequence now (0 when empty): a snapshot read after it is at least this fresh. */
export const lastSequence = async (nc: NatsConnection, topology: LiveTopology): Promise<number> =>
  (await (await jetstreamManager(nc)).streams.info(topology.streams.events.name)).state.last_seq;

/**
 * Tails one firm's events (`<ns>.events.<firmId>.>`) with an ordered consumer (nothing acked, nothing durable), from
 * the message after `afterSeq`. nats-server 2.9 takes one filter per consumer, so the feed reads every event of the
 * firm and forwards only live-progress types, decided from the subject before the body is parsed.
 */
export const openLiveFeed = async (
  nc: NatsConnection,
  topology: LiveTopology,
  firmId: string,
  afterSeq: number,
  onItem: (item: LiveItem) => void,
): Promise<LiveFeed> => {
  const consumer = await jetstream(nc).consumers.get(topology.streams.events.name, {
    filter_subjects: rebaseSubject(topology.namespace, SUBJECTS.firmEvents(firmId)),
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
  });
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 256 });
  const done = (async () => {
    for await (const m of messages) {
      const type = m.subject.slice(m.subject.lastIndexOf('.') + 1);
      if (!LIVE_EVENT_TYPES.has(type)) continue;
      const message = decodeLiveMessage(m);
      if (message !== null) onItem({ seq: m.seq, message });
    }
  })();
  return {
    done,
    close: async () => {
      messages.stop();
      await done.catch(() => undefined);
    },
  };
};
