import { SUBJECTS } from '@sf/contracts';
import { inboxPrefixOf } from '../connection/nats-identity';
import { rebaseSubject } from '../topology';
import { DEFAULT_NAMESPACE, StreamName, changesStreamBeside } from '../wire-names';
import type { BusUser } from './bus-user';

/** The namespace and stream names a configuration is rendered for (production: `sf`, `SF_EVENTS`, `SF_DLQ`). */
export interface BusNames {
  namespace: string;
  eventsStream: string;
  deadLetterStream: string;
  /** Default: the one beside the events stream (`changesStreamBeside`). */
  changesStream?: string;
}

export const DEFAULT_BUS_NAMES: BusNames = {
  namespace: DEFAULT_NAMESPACE,
  eventsStream: StreamName.Events,
  deadLetterStream: StreamName.DeadLetters,
  changesStream: StreamName.Changes,
};

/** A user's server permissions: subjects it may publish to and subscribe to; `allowResponses` for responders. */
export interface BusPermissions {
  publish: string[];
  subscribe: string[];
  allowResponses: boolean;
}

/** JetStream's API and ack subjects (nats-server 2.9). */
const JS = {
  accountInfo: '$JS.API.INFO',
  stream: (verb: 'CREATE' | 'UPDATE' | 'INFO', stream: string) => `$JS.API.STREAM.${verb}.${stream}`,
  /** One stored message by sequence or by `next_by_subj` (read only: no consumer, no state on the server). */
  getMessage: (stream: string) => `$JS.API.STREAM.MSG.GET.${stream}`,
  // The 2.9 create subject carries the filter (`…CREATE.<stream>.<consumer>.<filter>`) and the server checks that
  // it matches the config's filter, so a permission on it pins what the consumer may read. The older forms
  // (`CONSUMER.CREATE.<stream>`, `CONSUMER.DURABLE.CREATE.…`) carry none and are never granted.
  createConsumer: (stream: string, consumer: string, filter: string) =>
    `$JS.API.CONSUMER.CREATE.${stream}.${consumer}.${filter}`,
  /** Any consumer name and filter: only for a reader of the whole stream (the ops tools on the dead letters). */
  createAnyConsumer: (stream: string) => `$JS.API.CONSUMER.CREATE.${stream}.>`,
  consumerInfo: (stream: string, consumer: string) => `$JS.API.CONSUMER.INFO.${stream}.${consumer}`,
  deleteConsumer: (stream: string, consumer: string) => `$JS.API.CONSUMER.DELETE.${stream}.${consumer}`,
  pull: (stream: string, consumer: string) => `$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`,
  ack: (stream: string, consumer: string) => `$JS.ACK.${stream}.${consumer}.>`,
  /** The reply of a push consumer's flow-control request (`$JS.FC.<stream>.<consumer>.<token>`). */
  flowControl: (stream: string) => `$JS.FC.${stream}.*.*`,
} as const;

/**
 * What the server lets `user` do, as subject lists. Every user subscribes only under its own reply prefix
 * (`_INBOX.<user>.>`), so no client reads another's replies (the token RPC's reply is an access token).
 */
export const busPermissions = (user: BusUser, names: BusNames = DEFAULT_BUS_NAMES): BusPermissions => {
  if (user.unrestricted) return { publish: ['>'], subscribe: ['>'], allowResponses: false };
  const ns = (subject: string): string => rebaseSubject(names.namespace, subject);
  const publish: string[] = [JS.accountInfo];
  const subscribe: string[] = [`${inboxPrefixOf(user.name)}.>`];
  if (user.publishesEvents) publish.push(ns(SUBJECTS.events), ns(SUBJECTS.changes));
  if (user.provisionsStreams) {
    const changesStream = names.changesStream ?? changesStreamBeside(names.eventsStream);
    for (const stream of [names.eventsStream, names.deadLetterStream, changesStream]) {
      publish.push(JS.stream('CREATE', stream), JS.stream('UPDATE', stream), JS.stream('INFO', stream));
    }
  }
  for (const c of user.consumers ?? []) {
    // A grant on the changes stream reads record changes; any other, the events stream.
    const stream =
      c.stream === 'changes' ? (names.changesStream ?? changesStreamBeside(names.eventsStream)) : names.eventsStream;
    for (const filter of c.filters) publish.push(JS.createConsumer(stream, c.name, ns(filter)));
    publish.push(JS.consumerInfo(stream, c.name), JS.pull(stream, c.name), JS.ack(stream, c.name));
    if (c.stream !== 'changes') {
      publish.push(ns(SUBJECTS.deadLetter(c.name)));
      subscribe.push(ns(SUBJECTS.redrive(c.name)));
    }
  }
  if (user.operatesDeadLetters) {
    const dlq = names.deadLetterStream;
    // Ordered consumers of the dead-letter stream, made and deleted per listing (their names are generated).
    publish.push(
      JS.stream('INFO', dlq),
      JS.createAnyConsumer(dlq),
      JS.consumerInfo(dlq, '*'),
      JS.deleteConsumer(dlq, '*'),
      JS.pull(dlq, '*'),
      ns(SUBJECTS.redrives),
    );
  }
  if (user.readsEventStream) {
    const changes = names.changesStream ?? changesStreamBeside(names.eventsStream);
    publish.push(
      JS.stream('INFO', names.eventsStream),
      JS.getMessage(names.eventsStream),
      JS.stream('INFO', changes),
      JS.getMessage(changes),
    );
  }
  if (user.tailsFirmEvents) {
    // Consumer names are generated (`<prefix>_<serial>`) and a permission matches whole tokens, so the name is `*`;
    // the filter token pins one firm's events. The push consumer delivers to the user's own inbox (granted above).
    publish.push(
      JS.createConsumer(names.eventsStream, '*', ns(SUBJECTS.anyFirmEvents)),
      JS.flowControl(names.eventsStream),
    );
  }
  for (const s of user.calls ?? []) publish.push(ns(s));
  for (const s of user.answers ?? []) subscribe.push(ns(s));
  const answersRequests = (user.answers ?? []).length > 0 || (user.consumers ?? []).length > 0;
  return { publish, subscribe, allowResponses: answersRequests };
};
