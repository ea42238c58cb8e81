import { tablesOf, type Executor } from '@sf/db';
import { WebhookHealth } from '@sf/sync-jobs';
import { firmWebhookHealth, type WebhooksTables } from '@sf/sync-webhooks';

/**
 * Where the scheduler and the status learn a firm's webhook health: healthy webhooks lengthen the schedule interval
 * to the firm's own, degraded or absent ones shorten it (`SchedulerConfig.degradedIntervalMs`).
 */
export type WebhookHealthPort = (firmId: string) => Promise<WebhookHealth>;

/**
 * The real health: the webhooks service's subscriptions and stats (`@sf/sync-webhooks`, the same read and rule the
 * webhooks service uses), on the orchestrator's clock. What `startOrchestrator` wires unless told otherwise.
 */
export const webhookHealthFromDb =
  <DB extends WebhooksTables>(db: Executor<DB>, now: () => Date): WebhookHealthPort =>
  async (firmId) =>
    (await firmWebhookHealth(tablesOf<WebhooksTables, DB>(db), firmId, now())).health;

/** For deps built without a database read (unit-level tests): every firm `off`. */
export const webhooksOff: WebhookHealthPort = () => Promise.resolve(WebhookHealth.off);
