import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { EventTypes } from '@sf/contracts';
import {
  startTypedConsumers,
  typedConsumerOptions,
  type ConsumerOptions,
  type ConsumerRunner,
  type Topology,
  type TypedConsumer,
} from '@sf/messaging';
import {
  onSyncBookmarksReset,
  onSyncJobCancelled,
  onSyncJobPaused,
  onSyncJobResumed,
  onSyncRequested,
} from './intake-handlers';
import type { FetcherDb } from '../schema/fetcher-schema';

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

const HANDLERS: readonly TypedConsumer<FetcherDb>[] = [
  { name: FetcherConsumers.requests, type: EventTypes.SyncRequested, handler: onSyncRequested },
  { name: FetcherConsumers.cancelled, type: EventTypes.SyncJobCancelled, handler: onSyncJobCancelled },
  { name: FetcherConsumers.paused, type: EventTypes.SyncJobPaused, handler: onSyncJobPaused },
  { name: FetcherConsumers.resumed, type: EventTypes.SyncJobResumed, handler: onSyncJobResumed },
  { name: FetcherConsumers.bookmarksReset, type: EventTypes.SyncBookmarksReset, handler: onSyncBookmarksReset },
];

/** Consumer options for `defineTopology({ consumers })`. */
export const fetcherConsumerOptions = (): ConsumerOptions[] => typedConsumerOptions(HANDLERS);

/** Starts one runner per provisioned consumer. */
export const startIntake = (
  nc: NatsConnection,
  db: Kysely<FetcherDb>,
  topology: Topology,
  log: Logger,
): Promise<ConsumerRunner[]> =>
  startTypedConsumers({ nc, db, topology }, HANDLERS, (consumer, err) =>
    log.warn({ consumer, err: String(err) }, 'consumer batch failed; redelivery follows'),
  );
