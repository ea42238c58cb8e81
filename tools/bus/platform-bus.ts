// The platform's users of the locked bus: which process may do what (docs/architecture.md, "A locked bus").
import { randomBytes } from 'node:crypto';
import { RpcSubjects, SUBJECTS } from '@sf/contracts';
import type { BusUser, ConsumerOptions } from '@sf/messaging';
import { fetcherConsumerOptions } from '../../apps/clio-fetcher/src/intake/intake-consumers';
import { processorConsumerOptions } from '../../apps/document-processor/src/intake/intake';
import { orchestratorConsumerOptions } from '../../apps/sync-orchestrator/src/nats/orchestrator-consumers';
import { BusUsers, type PlatformBusUser } from './bus-user-names';

export { BUS_USER_OF_PROCESS, BusUsers, type PlatformBusUser } from './bus-user-names';

const own = (consumers: ConsumerOptions[]): BusUser['consumers'] =>
  consumers.map((c) => ({ name: c.name, filters: [c.filterSubject ?? SUBJECTS.events] }));

/**
 * Every platform process with exactly what it needs: only the relay publishes events; only the fetcher and the
 * processor (and the webhooks service) call the token RPC and only the auth service answers it; the orchestrator
 * answers the sync RPC, which only the webhooks service calls; each
 * consumer service creates and pulls only its own durables (with their filters). Every service provisions the two
 * platform streams at start (create or update, and again after a server came back empty); none may delete, purge or
 * read them other than through its consumers; each consumer answers the redrive of its own dead letters. The ops
 * tools read the dead-letter stream, ask for redrives and read the events stream's messages, nothing else. The
 * projections read Postgres and have no bus user.
 */
export const platformBusUsers = (password: (user: PlatformBusUser) => string): BusUser[] => [
  { name: BusUsers.relay, password: password(BusUsers.relay), publishesEvents: true, provisionsStreams: true },
  {
    name: BusUsers.auth,
    password: password(BusUsers.auth),
    provisionsStreams: true,
    answers: [RpcSubjects.accessToken],
  },
  {
    name: BusUsers.orchestrator,
    password: password(BusUsers.orchestrator),
    provisionsStreams: true,
    consumers: own(orchestratorConsumerOptions()),
    // The live-progress feeds (Server-Sent Events): one ordered push consumer per firm with open streams.
    tailsFirmEvents: true,
    answers: [RpcSubjects.syncRequest],
  },
  {
    name: BusUsers.fetcher,
    password: password(BusUsers.fetcher),
    provisionsStreams: true,
    consumers: own(fetcherConsumerOptions()),
    calls: [RpcSubjects.accessToken],
  },
  {
    name: BusUsers.processor,
    password: password(BusUsers.processor),
    provisionsStreams: true,
    consumers: own(processorConsumerOptions()),
    calls: [RpcSubjects.accessToken],
  },
  // Registers webhooks and fetches partial deliveries with the firm's token; asks for a sync when a delivery cannot
  // be applied whole. Its applier reads the log in Postgres, so it has no consumer.
  {
    name: BusUsers.webhooks,
    password: password(BusUsers.webhooks),
    provisionsStreams: true,
    calls: [RpcSubjects.accessToken, RpcSubjects.syncRequest],
  },
  // The ops CLI (`NATS_USER=sf-ops npm run sf -- …`): lists dead letters and asks their consumers to apply them;
  // reads the events and record-changes streams message by message (`events tail --source jetstream`, the soak's
  // checks), creating no consumer.
  {
    name: BusUsers.ops,
    password: password(BusUsers.ops),
    operatesDeadLetters: true,
    readsEventStream: true,
  },
];

/** A fresh random password per user (development and test configs). */
export const generatedPasswords = (): ((user: string) => string) => {
  const made = new Map<string, string>();
  return (user) => {
    if (!made.has(user)) made.set(user, randomBytes(18).toString('base64url'));
    return made.get(user)!;
  };
};
