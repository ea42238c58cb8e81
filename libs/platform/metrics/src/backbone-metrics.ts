import { defineCounter, defineHistogram } from './define';
import { defineScrapedGauge } from './scraped-gauge';

export const eventsAppended = defineCounter('sf_events_appended_total', 'Events appended to the log', ['stream_type']);

export const appendSeconds = defineHistogram(
  'sf_append_duration_seconds',
  'Duration of one append statement (all events of one call)',
  [],
  [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
);

/** Relay: events committed after its checkpoint, and age of the oldest of them. */
export const relayLagEvents = defineScrapedGauge('sf_relay_lag_events', 'Events in the log not yet published', [
  'relay',
]);
export const relayLagSeconds = defineScrapedGauge(
  'sf_relay_lag_seconds',
  'Age of the oldest event not yet published (0 when caught up)',
  ['relay'],
);

export const consumerPending = defineScrapedGauge(
  'sf_consumer_pending_messages',
  'Messages of a durable consumer not yet delivered (JetStream num_pending)',
  ['consumer'],
);
export const consumerAckPending = defineScrapedGauge(
  'sf_consumer_ack_pending_messages',
  'Messages delivered to a durable consumer and not yet acknowledged',
  ['consumer'],
);
export const consumerMessages = defineCounter(
  'sf_consumer_messages_total',
  'Messages settled by a consumer, by outcome (ack, retry, dead)',
  ['consumer', 'outcome'],
);
export const consumerRedeliveries = defineCounter(
  'sf_consumer_redeliveries_total',
  'Messages delivered again (delivery count above 1)',
  ['consumer'],
);
export const deadLetters = defineCounter(
  'sf_consumer_dead_letters_total',
  'Messages copied to the dead-letter subject',
  ['consumer'],
);

export const projectionLagEvents = defineScrapedGauge(
  'sf_projection_lag_events',
  'Events in the log after a projection checkpoint',
  ['projection'],
);
export const projectionLagSeconds = defineScrapedGauge(
  'sf_projection_lag_seconds',
  'Age of the oldest event a projection has not applied (0 when caught up)',
  ['projection'],
);
export const projectionEvents = defineCounter('sf_projection_events_applied_total', 'Events applied by a projection', [
  'projection',
]);

export const workQueueItems = defineScrapedGauge('sf_work_queue_items', 'Work-queue rows by queue and state', [
  'queue',
  'state',
]);

export const workQueuePruned = defineCounter(
  'sf_work_queue_pruned_rows_total',
  'Finished (done or cancelled) work-queue rows deleted past their retention',
  ['queue'],
);

export const poolConnections = defineScrapedGauge(
  'sf_db_pool_connections',
  'Postgres pool connections by pool and state (total, idle, waiting clients)',
  ['pool', 'state'],
);

/**
 * Rows of a consumer's inbox (one per event it applied in the last `inboxHorizonMs`, older rows are pruned), read by
 * each consumer runner for its own consumer, at most once a minute (a count over the primary key).
 */
export const inboxRows = defineScrapedGauge('sf_inbox_rows', "Rows in a consumer's inbox (events it applied)", [
  'consumer',
]);

export const inboxPruned = defineCounter(
  'sf_inbox_pruned_rows_total',
  "Inbox rows deleted once their event could no longer be delivered again (past the consumer's horizon)",
  ['consumer'],
);
