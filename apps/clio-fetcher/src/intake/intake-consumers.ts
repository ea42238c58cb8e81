import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { EventTypes, SUBJECTS } from '@sf/contracts';
import type { Database } from '@sf/db';
import { createConsumerRunner, type ConsumerOptions, type ConsumerRunner, type MessageHandler, type Topology } from '@sf/messaging';
import { onSyncBookmarksReset, onSyncJobCancelled, onSyncJobPaused, onSyncJobResumed, onSyncRequested } from './intake-handlers';

/**
 * The fetcher's durable consumers, one per event type (nats-server 2.9 takes one filter subject per consumer):
 * `clio-fetcher` records requested jobs; the others keep the work queue in step with the orchestrator's controls.
 */
export const FetcherConsumers = {
  requests: 'clio-fetcher',
  cancelled: 'clio-fetcher-cancelled',
  paused: 'clio-fetcher-paused',
  resumed: 'clio-fetcher-resumed',
  bookmarksReset: 'clio-fetcher-bookmarks-reset',
} as const;

const HANDLERS: ReadonlyArray<{ name: string; type: string; handler: MessageHandler }> = [
  { name: FetcherConsumers.requests, type: EventTypes.SyncRequested, handler: onSyncRequested },
  { name: FetcherConsumers.cancelled, type: EventTypes.SyncJobCancelled, handler: onSyncJobCancelled },
  { name: FetcherConsumers.paused, type: EventTypes.SyncJobPaused, handler: onSyncJobPaused },
  { name: FetcherConsumers.resumed, type: EventTypes.SyncJobResumed, handler: onSyncJobResumed },
  { name: FetcherConsumers.bookmarksReset, type: EventTypes.SyncBookmarksReset, handler: onSyncBookmarksReset },
];

/** Consumer options for `defineTopology({ consumers })`. */
export const fetcherConsumerOptions = (): ConsumerOptions[] =>
  HANDLERS.map((h) => ({ name: h.name, filterSubject: SUBJECTS.eventType(h.type) }));

/** Starts one runner per provisioned fetcher consumer. */
export const startIntake = async (nc: NatsConnection, db: Kysely<Database>, topology: Topology, log: Logger): Promise<ConsumerRunner[]> => {
  const runners = HANDLERS.map((h) => {
    const consumer = topology.consumers.find((c) => c.name === h.name);
    if (!consumer) throw new Error(`consumer ${h.name} is not in the topology`);
    return createConsumerRunner({
      nc, db, topology, consumer, handler: h.handler,
      onError: (err) => log.warn({ consumer: h.name, err: String(err) }, 'consumer batch failed; redelivery follows'),
    });
  });
  for (const r of runners) await r.start();
  return runners;
};
