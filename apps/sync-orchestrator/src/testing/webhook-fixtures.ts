// Test-only: a firm's webhook subscriptions as the webhooks service stores them (no secret: health never reads it).
import type { Kysely } from 'kysely';
import { SubscriptionStatus, WEBHOOK_MODELS, type WebhookModel } from '@sf/sync-webhooks';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

export const ALL_WEBHOOK_MODELS = Object.keys(WEBHOOK_MODELS) as WebhookModel[];

/** One active subscription per model given, each expiring at `expiresAt`. */
export const storeWebhooks = async (
  db: Kysely<OrchestratorDb>,
  firmId: string,
  expiresAt: Date,
  models: readonly WebhookModel[] = ALL_WEBHOOK_MODELS,
): Promise<void> => {
  await db
    .insertInto('webhook_subscriptions')
    .values(
      models.map((m, i) => ({
        subscription_id: `${firmId}-${m}`,
        firm_id: firmId,
        model: m,
        entity_type: WEBHOOK_MODELS[m],
        clio_webhook_id: String(1000 + i),
        status: SubscriptionStatus.active,
        expires_at: expiresAt,
      })),
    )
    .execute();
};

/** Ends the firm's subscription of one model (Clio deleted it; the registrar has not replaced it yet). */
export const removeWebhook = async (db: Kysely<OrchestratorDb>, firmId: string, model: WebhookModel): Promise<void> => {
  await db
    .updateTable('webhook_subscriptions')
    .set({ status: SubscriptionStatus.removed })
    .where('subscription_id', '=', `${firmId}-${model}`)
    .execute();
};
