import { WebhookHealth } from '@sf/sync-jobs';

/**
 * Where the scheduler learns a firm's webhook health: healthy webhooks lengthen the schedule interval to the
 * firm's own, degraded or absent ones shorten it (`SchedulerConfig.degradedIntervalMs`). The webhooks module
 * plugs its read model in here (`startOrchestrator({ webhookHealth })`); until then every firm is `off`.
 */
export type WebhookHealthPort = (firmId: string) => Promise<WebhookHealth>;

export const webhooksOff: WebhookHealthPort = () => Promise.resolve(WebhookHealth.off);
