import { SUBJECTS } from '@sf/contracts';

/**
 * One user of the locked bus and what it may do. Subjects are given in production form (`sf.…`) and rebased onto
 * the configuration's namespace; stream names come from `BusNames`. What a user is not granted here it cannot do:
 * the server refuses the publish or subscribe (see `busPermissions`).
 */
export interface BusUser {
  name: string;
  /**
   * Written to the config as given: a generated plain password for development and tests, a bcrypt hash
   * (`nats server passwd`) in production, so the config never holds a usable secret there.
   */
  password: string;
  /** Publishes the event subjects (`sf.events.>`): the relay alone. */
  publishesEvents?: boolean;
  /** Creates, updates and reads the config of the two platform streams (never deletes, purges or reads messages). */
  provisionsStreams?: boolean;
  /**
   * Its own durable consumers of the events stream, each with the filters it may be created with. Each consumer
   * also answers the redrive of its own dead letters (`sf.rpc.redrive.<consumer>`).
   */
  consumers?: readonly BusConsumerGrant[];
  /**
   * Reads the dead-letter stream (through its own short-lived consumers) and asks consumers to apply dead letters
   * (`sf.rpc.redrive.*`): the ops tools (`sf dlq`). Never publishes events or touches the events stream.
   */
  operatesDeadLetters?: boolean;
  /**
   * Reads messages of the events and record-changes streams one by one (stream info and message-get, `sf events tail
   * --source jetstream`, the soak's checks): creates no consumer, so it can neither take a service's messages nor
   * change a stream.
   */
  readsEventStream?: boolean;
  /**
   * Tails any firm's events (`sf.events.<firmId>.>`) through short-lived ordered push consumers that deliver to its
   * own inbox (the orchestrator's live-progress feeds). Grants the create of such a consumer on the events stream
   * (any generated name, the filter one firm's events) and the answer to its flow control; never a pull, an ack, an
   * info or a delete of a consumer, so it cannot read or change another service's durable.
   */
  tailsFirmEvents?: boolean;
  /** Request-reply subjects it may call (`RpcSubjects`). */
  calls?: readonly string[];
  /** Request-reply subjects it answers (queue subscription; replies only to requests it received). */
  answers?: readonly string[];
  /** Every subject: the test identity of in-process test harnesses, never part of a development or production config. */
  unrestricted?: boolean;
}

/** A durable consumer a user owns: its name and the subject filters it may set (production form). */
export interface BusConsumerGrant {
  name: string;
  filters: readonly string[];
  /** The stream it reads: `events` (default) or `changes` (record changes, `sf.changes.>`). */
  stream?: 'events' | 'changes';
}

/** Which events a subscriber reads: some firms' subjects, or every firm's. */
export type SubscriberScope = { firms: readonly string[] } | 'all-firms';

/**
 * A subscriber service (outside the platform): read-only access to the event subjects of its scope through its own
 * durable consumers, nothing else (no publishing, no stream admin, no RPC). nats-server 2.9 takes one filter per
 * consumer, so a subscriber of some firms gets one durable per firm, `<consumer>-<firmId>`; of every firm, one
 * durable `<consumer>`. A firm id that is not subject-safe throws.
 */
export const subscriberUser = (o: {
  name: string;
  password: string;
  consumer: string;
  scope: SubscriberScope;
  /** Also reads record changes (`sf.changes.>`) through durables `<consumer>-changes[-<firmId>]`. */
  changes?: boolean;
}): BusUser => ({
  name: o.name,
  password: o.password,
  consumers: [
    ...(o.scope === 'all-firms'
      ? [{ name: o.consumer, filters: [SUBJECTS.events] }]
      : o.scope.firms.map((f) => ({ name: `${o.consumer}-${f}`, filters: [SUBJECTS.firmEvents(f)] }))),
    ...(!o.changes
      ? []
      : o.scope === 'all-firms'
        ? [{ name: `${o.consumer}-changes`, filters: [SUBJECTS.changes], stream: 'changes' as const }]
        : o.scope.firms.map((f) => ({
            name: `${o.consumer}-changes-${f}`,
            filters: [SUBJECTS.firmChanges(f)],
            stream: 'changes' as const,
          }))),
  ],
});
