import { tablesOf, type Executor } from '@sf/db';
import type { WebhookHealth } from '@sf/sync-jobs';
import { SubscriptionStatus, type WebhooksTables } from '../schema/webhooks.tables';
import { WEBHOOK_MODELS, type WebhookModel } from '../webhook-models';
import { healthOf, modelStateOf, type SubscriptionFacts } from './health-of';

/** One firm's health as the metric reports it. */
export interface FirmHealthReading {
  firmId: string;
  health: WebhookHealth;
}

const MODELS = Object.keys(WEBHOOK_MODELS) as WebhookModel[];

/**
 * Every firm that has had a webhook subscription, with its health by the same rule as `firmWebhookHealth` (on
 * Clio's clock `now`), in one read of the subscriptions table: a firm whose subscriptions were all removed is `off`.
 * For the per-firm metric, where one query per firm at each scrape would not do.
 */
export const webhookHealthOfFirms = async <DB extends WebhooksTables>(
  db: Executor<DB>,
  now: Date,
): Promise<FirmHealthReading[]> => {
  const rows = await tablesOf<WebhooksTables, DB>(db)
    .selectFrom('webhook_subscriptions')
    .select(['firm_id', 'model', 'status', 'expires_at'])
    .orderBy('firm_id')
    .execute();
  const live = new Map<string, Map<string, SubscriptionFacts>>();
  for (const r of rows) {
    const firm = live.get(r.firm_id) ?? new Map<string, SubscriptionFacts>();
    live.set(r.firm_id, firm);
    if (r.status !== SubscriptionStatus.removed) firm.set(r.model, { status: r.status, expiresAt: r.expires_at });
  }
  return [...live].map(([firmId, byModel]) => ({
    firmId,
    health: healthOf(
      Object.fromEntries(MODELS.map((m) => [m, modelStateOf(byModel.get(m), now)])) as Record<
        WebhookModel,
        ReturnType<typeof modelStateOf>
      >,
    ),
  }));
};
