import { tablesOf, type Executor } from '@sf/db';
import type { WebhookHealth } from '@sf/sync-jobs';
import { SubscriptionStatus, type WebhooksTables } from '../schema/webhooks.tables';
import { WEBHOOK_MODELS, type WebhookModel } from '../webhook-models';
import { healthOf, modelStateOf, type ModelWebhookState, type SubscriptionFacts } from './health-of';

/** One firm's health as the metric reports it. */
export interface FirmHealthReading {
  firmId: string;
  health: WebhookHealth;
}

/** What the rule needs of a subscription row (any status; removed ones count as absent). */
export interface SubscriptionRow {
  model: string;
  status: SubscriptionStatus;
  expires_at: Date | null;
}

const MODELS = Object.keys(WEBHOOK_MODELS) as WebhookModel[];

/**
 * Pure: a firm's webhook health from its subscription rows on Clio's clock `now`, by the rule of
 * `firmWebhookHealth` (removed rows ignored: a firm whose subscriptions were all removed is `off`).
 */
export const healthOfSubscriptions = (rows: readonly SubscriptionRow[], now: Date): WebhookHealth => {
  const byModel = new Map<string, SubscriptionFacts>();
  for (const r of rows)
    if (r.status !== SubscriptionStatus.removed) byModel.set(r.model, { status: r.status, expiresAt: r.expires_at });
  const models = Object.fromEntries(MODELS.map((m) => [m, modelStateOf(byModel.get(m), now)])) as Record<
    WebhookModel,
    ModelWebhookState
  >;
  return healthOf(models);
};

/**
 * Every firm that has had a webhook subscription with its health, in one read of the subscriptions table (for the
 * per-firm metric, where one query per firm at each scrape would not do).
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
  const byFirm = new Map<string, SubscriptionRow[]>();
  for (const r of rows) byFirm.set(r.firm_id, [...(byFirm.get(r.firm_id) ?? []), r]);
  return [...byFirm].map(([firmId, subs]) => ({ firmId, health: healthOfSubscriptions(subs, now) }));
};
