// Public surface of @sf/metrics: the process registry, the factories, and every metric of the platform, defined
// once here so each process records into the same names and the alert rules and dashboard read them.
export { metricsRegistry, metricsText, startProcessMetrics } from './registry';
export { defineCounter, defineGauge, defineHistogram } from './define';
export { defineScrapedGauge } from './scraped-gauge';
export type { GaugeSource, Reading, ScrapedGauge } from './scraped-gauge';
export { clioBudgetRemaining, clioRateLimited, clioRequestSeconds, clioRequests } from './clio-metrics';
export {
  connectionNeedsReauth,
  syncBlockedSeconds,
  syncEtaErrorSeconds,
  syncJobProgressAge,
  syncJobs,
  syncJobsStalled,
  syncPagesAppended,
  syncRecords,
  syncRequestsRefused,
  syncStalls,
} from './sync-metrics';
export {
  appendSeconds,
  consumerAckPending,
  consumerMessages,
  consumerPending,
  consumerRedeliveries,
  deadLetters,
  eventsAppended,
  inboxPruned,
  inboxRows,
  poolConnections,
  projectionEvents,
  projectionLagEvents,
  projectionLagSeconds,
  relayLagEvents,
  relayLagSeconds,
  workQueueItems,
  workQueuePruned,
} from './backbone-metrics';
export {
  WEBHOOK_HEALTH_VALUE,
  webhookDeliveries,
  webhookFetches,
  webhookHealth,
  webhookInboxAgeSeconds,
  webhookInboxDeliveries,
} from './webhook-metrics';
export { throttledSource } from './throttled-source';
export { writerApplySeconds, writerOldestPendingSeconds, writerQueueWrites, writerWrites } from './writer-metrics';
