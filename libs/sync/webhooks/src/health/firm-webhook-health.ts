import type { Executor } from '@sf/db';
import type { WebhookHealth } from '@sf/sync-jobs';
import { SubscriptionStatus, type WebhooksTables } from '../schema/webhooks.tables';
import { WEBHOOK_MODELS, type WebhookModel } from '../webhook-models';
import { healthOf, modelStateOf, type ModelWebhookState, type SubscriptionFacts } from './health-of';

/** A firm's webhooks as the scheduler, the status page and the webhooks service read them. */
export interface FirmWebhookHealth {
  firmId: string;
  health: WebhookHealth;
  models: Record<WebhookModel, ModelWebhookState>;
  /** Earliest expiry among the active webhooks (ISO), null when none. */
  nextExpiry: string | null;
  /** Deliveries applied to the mirror so far, and the lag (received → applied) of the last pass and the worst one. */
  applied: number;
  lastAppliedAt: string | null;
  lastLagMs: number | null;
  maxLagMs: number;
}

/**
 * Reads a firm's webhook health from its live subscriptions and the applier's stats (`now`: Clio's clock, which
 * decides expiry). Two indexed reads; no secret leaves the table.
 */
export const firmWebhookHealth = async (
  db: Executor<WebhooksTables>,
  firmId: string,
  now: Date,
): Promise<FirmWebhookHealth> => {
  const live = await db
    .selectFrom('webhook_subscriptions')
    .select(['model', 'status', 'expires_at'])
    .where('firm_id', '=', firmId)
    .where('status', '<>', SubscriptionStatus.removed)
    .execute();
  const byModel = new Map<string, SubscriptionFacts>(
    live.map((s) => [s.model, { status: s.status as SubscriptionFacts['status'], expiresAt: s.expires_at }]),
  );
  const models = Object.fromEntries(
    (Object.keys(WEBHOOK_MODELS) as WebhookModel[]).map((m) => [m, modelStateOf(byModel.get(m), now)]),
  ) as FirmWebhookHealth['models'];
  const expiries = [...byModel.values()]
    .filter((s) => s.status === 'active' && s.expiresAt !== null)
    .map((s) => (s.expiresAt as Date).getTime());
  const stats = await db.selectFrom('webhook_firm_stats').selectAll().where('firm_id', '=', firmId).executeTakeFirst();
  return {
    firmId,
    health: healthOf(models),
    models,
    nextExpiry: expiries.length > 0 ? new Date(Math.min(...expiries)).toISOString() : null,
    applied: Number(stats?.applied ?? 0),
    lastAppliedAt: stats?.last_applied_at?.toISOString() ?? null,
    lastLagMs: stats?.last_lag_ms ?? null,
    maxLagMs: stats?.max_lag_ms ?? 0,
  };
};
