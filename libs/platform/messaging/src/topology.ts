import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { SUBJECTS } from '@sf/contracts';
import { DEFAULT_NAMESPACE, StreamName, changesStreamBeside } from './wire-names';

/**
 * The one place where JetStream streams and durable consumers are configured. Services build a Topology at
 * startup and pass it to `provision()`; nothing else creates streams or consumers.
 */

/** A durable pull consumer of the events stream. */
export interface ConsumerOptions {
  /** Durable name; also the inbox key and the last token of the dead-letter subject. `[A-Za-z0-9_-]+`. */
  name: string;
  /** Production subject filter, e.g. `sf.events.*.SyncRequested`; rebased onto the namespace. Default: all events. */
  filterSubject?: string;
  /** How long a delivered message may stay unacked before JetStream redelivers it, in ms. Default 30 000. */
  ackWaitMs?: number;
  /**
   * Delivery attempts before the message is copied to the dead-letter subject and termed. Default 8. The
   * server's `max_deliver` is one higher: that spare delivery retries a dead-letter copy that failed to publish
   * (JetStream never redelivers past max_deliver, so without it such a message would be stuck unacked).
   */
  maxDeliver?: number;
  /**
   * Ack wait of each successive delivery, in ms (JetStream's `backoff`): a message not acked in time is
   * redelivered after backoff[n-1] on delivery n, the last value repeating. The server takes backoff[0] as the
   * ack wait, so it must equal ackWaitMs; at most maxDeliver steps (nats-server requires fewer than its
   * max_deliver). Explicit naks use their own delay. Default: ackWaitMs doubling per delivery, at most 4 steps.
   */
  backoffMs?: number[];
  /** Unacked messages JetStream hands out before it pauses delivery. Default 1 000. */
  maxAckPending?: number;
}

export interface TopologyOptions {
  /** First subject token: production uses `sf` (`sf.events.>`, `sf.dlq.>`); tests use a unique one. */
  namespace?: string;
  /** Name of the events stream. Default `SF_EVENTS`. */
  eventsStream?: string;
  /** Name of the dead-letter stream. Default `SF_DLQ`. */
  deadLetterStream?: string;
  /** Name of the record-changes stream. Default `SF_CHANGES`, or `<eventsStream>_CHANGES` beside a named events stream. */
  changesStream?: string;
  /** How long the record-changes stream keeps a message, in ms (the history API keeps everything). Default 30 days. */
  changesMaxAgeMs?: number;
  /** Stream replicas: 1 on one node (default), 3 on the production cluster. */
  replicas?: number;
  /** Window in which a repeated `Nats-Msg-Id` is dropped as a duplicate, in ms. Default 120 000 (2 min). */
  duplicateWindowMs?: number;
  /** How long the events stream keeps a message, in ms (Postgres keeps everything). Default 14 days. */
  eventsMaxAgeMs?: number;
  /** How long the dead-letter stream keeps a message, in ms. Default 30 days. */
  deadLetterMaxAgeMs?: number;
  consumers?: ConsumerOptions[];
}

/** A consumer as provisioned: its stream, its server config, and the knobs the runner needs. */
export interface ConsumerSpec {
  name: string;
  stream: string;
  maxDeliver: number;
  ackWaitMs: number;
  config: Partial<ConsumerConfig> & { durable_name: string };
}

export interface Topology {
  namespace: string;
  streams: { events: StreamSpec; deadLetters: StreamSpec; changes: StreamSpec };
  consumers: ConsumerSpec[];
}
export type StreamSpec = Partial<StreamConfig> & { name: string; subjects: string[] };

const DAY_MS = 24 * 60 * 60 * 1000;
export const TOPOLOGY_DEFAULTS = {
  replicas: 1,
  duplicateWindowMs: 120_000,
  eventsMaxAgeMs: 14 * DAY_MS,
  deadLetterMaxAgeMs: 30 * DAY_MS,
  changesMaxAgeMs: 30 * DAY_MS,
  ackWaitMs: 30_000,
  maxDeliver: 8,
  backoffSteps: 4,
  maxAckPending: 1_000,
} as const;

/** Moves a production subject (`sf.…`) into `namespace` (`<namespace>.…`). */
export const rebaseSubject = (namespace: string, subject: string): string => {
  if (!subject.startsWith(`${DEFAULT_NAMESPACE}.`))
    throw new Error(`subject outside the ${DEFAULT_NAMESPACE} namespace: ${subject}`);
  return namespace === DEFAULT_NAMESPACE ? subject : `${namespace}${subject.slice(DEFAULT_NAMESPACE.length)}`;
};

const stream = (name: string, subject: string, replicas: number, maxAgeMs: number, dupMs: number): StreamSpec => ({
  name,
  subjects: [subject],
  retention: RetentionPolicy.Limits,
  storage: StorageType.File,
  discard: DiscardPolicy.Old,
  num_replicas: replicas,
  max_age: nanos(maxAgeMs),
  duplicate_window: nanos(dupMs),
});

const consumer = (namespace: string, streamName: string, o: ConsumerOptions): ConsumerSpec => {
  const maxDeliver = o.maxDeliver ?? TOPOLOGY_DEFAULTS.maxDeliver;
  const ackWaitMs = o.ackWaitMs ?? TOPOLOGY_DEFAULTS.ackWaitMs;
  const steps = Math.min(TOPOLOGY_DEFAULTS.backoffSteps, maxDeliver);
  const backoffMs = o.backoffMs ?? Array.from({ length: steps }, (_, i) => ackWaitMs * 2 ** i);
  if (!/^[A-Za-z0-9_-]+$/.test(o.name)) throw new Error(`invalid consumer name: ${o.name}`);
  if (maxDeliver < 1) throw new Error(`consumer ${o.name}: maxDeliver must be >= 1`);
  if (backoffMs.length > maxDeliver) throw new Error(`consumer ${o.name}: backoff has more steps than maxDeliver`);
  if (backoffMs.length > 0 && backoffMs[0] !== ackWaitMs)
    throw new Error(`consumer ${o.name}: backoff[0] must equal ackWaitMs`);
  return {
    name: o.name,
    stream: streamName,
    maxDeliver,
    ackWaitMs,
    config: {
      durable_name: o.name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
      filter_subject: rebaseSubject(namespace, o.filterSubject ?? SUBJECTS.events),
      ack_wait: nanos(ackWaitMs),
      max_deliver: maxDeliver + 1,
      // Without backoff every delivery waits ack_wait.
      ...(backoffMs.length > 0 ? { backoff: backoffMs.map((ms) => nanos(ms)) } : {}),
      max_ack_pending: o.maxAckPending ?? TOPOLOGY_DEFAULTS.maxAckPending,
    },
  };
};

/** Builds the full topology from options; invalid consumer settings are a bug and throw here, at startup. */
export const defineTopology = (o: TopologyOptions = {}): Topology => {
  const namespace = o.namespace ?? DEFAULT_NAMESPACE;
  const replicas = o.replicas ?? TOPOLOGY_DEFAULTS.replicas;
  const dupMs = o.duplicateWindowMs ?? TOPOLOGY_DEFAULTS.duplicateWindowMs;
  const eventsName = o.eventsStream ?? StreamName.Events;
  const eventsMaxAgeMs = o.eventsMaxAgeMs ?? TOPOLOGY_DEFAULTS.eventsMaxAgeMs;
  const deadLetterMaxAgeMs = o.deadLetterMaxAgeMs ?? TOPOLOGY_DEFAULTS.deadLetterMaxAgeMs;
  const changesMaxAgeMs = o.changesMaxAgeMs ?? TOPOLOGY_DEFAULTS.changesMaxAgeMs;
  if (dupMs > Math.min(eventsMaxAgeMs, deadLetterMaxAgeMs, changesMaxAgeMs))
    throw new Error('duplicate window longer than a stream max age');
  return {
    namespace,
    streams: {
      events: stream(eventsName, rebaseSubject(namespace, SUBJECTS.events), replicas, eventsMaxAgeMs, dupMs),
      deadLetters: stream(
        o.deadLetterStream ?? StreamName.DeadLetters,
        rebaseSubject(namespace, SUBJECTS.deadLetters),
        replicas,
        deadLetterMaxAgeMs,
        dupMs,
      ),
      changes: stream(
        o.changesStream ?? changesStreamBeside(eventsName),
        rebaseSubject(namespace, SUBJECTS.changes),
        replicas,
        changesMaxAgeMs,
        dupMs,
      ),
    },
    consumers: (o.consumers ?? []).map((c) => consumer(namespace, eventsName, c)),
  };
};

/** Topology options from the environment (`SF_NATS_NAMESPACE`, `SF_EVENTS_STREAM`, `SF_DLQ_STREAM`, `SF_NATS_REPLICAS`). */
export const topologyOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): TopologyOptions => {
  const replicas = env['SF_NATS_REPLICAS'] ? Number(env['SF_NATS_REPLICAS']) : undefined;
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 1 && replicas <= 5)) {
    throw new Error('SF_NATS_REPLICAS must be an integer from 1 to 5');
  }
  return {
    ...(env['SF_NATS_NAMESPACE'] ? { namespace: env['SF_NATS_NAMESPACE'] } : {}),
    ...(env['SF_EVENTS_STREAM'] ? { eventsStream: env['SF_EVENTS_STREAM'] } : {}),
    ...(env['SF_DLQ_STREAM'] ? { deadLetterStream: env['SF_DLQ_STREAM'] } : {}),
    ...(env['SF_CHANGES_STREAM'] ? { changesStream: env['SF_CHANGES_STREAM'] } : {}),
    ...(replicas !== undefined ? { replicas } : {}),
  };
};

/** Subject an event is published to, in the topology's namespace. */
export const eventSubjectIn = (t: Pick<Topology, 'namespace'>, productionSubject: string): string =>
  rebaseSubject(t.namespace, productionSubject);

/** Dead-letter subject of a consumer, in the topology's namespace. */
export const deadLetterSubjectIn = (t: Pick<Topology, 'namespace'>, consumerName: string): string =>
  rebaseSubject(t.namespace, SUBJECTS.deadLetter(consumerName));

/** Redrive request subject of a consumer (`sf.rpc.redrive.<consumer>`), in the topology's namespace. */
export const redriveSubjectIn = (t: Pick<Topology, 'namespace'>, consumerName: string): string =>
  rebaseSubject(t.namespace, SUBJECTS.redrive(consumerName));
