// The Clio webhook subscriptions' tables and the per-firm webhook health read over them: written by the webhooks
// service, read by it and by the orchestrator (scheduler interval, status). Tables migrated by both.
export { WEBHOOK_MODELS } from './webhook-models';
export type { WebhookModel, WebhookEntityType } from './webhook-models';
export { SubscriptionStatus } from './schema/webhooks.tables';
export type {
  WebhooksTables,
  WebhookSubscriptionsTable,
  WebhookFirmStatsTable,
  WebhookRecentVersionsTable,
} from './schema/webhooks.tables';
export { webhooksMigrations } from './schema/webhooks-migrations';
export { healthOf, modelStateOf } from './health/health-of';
export type { ModelWebhookState, SubscriptionFacts } from './health/health-of';
export { firmWebhookHealth } from './health/firm-webhook-health';
export type { FirmWebhookHealth } from './health/firm-webhook-health';
export { healthOfSubscriptions, webhookHealthOfFirms } from './health/firms-webhook-health';
export type { FirmHealthReading, SubscriptionRow } from './health/firms-webhook-health';
