import type { Executor } from '@sf/db';
import type { WebhooksDb } from '../schema/webhooks-schema';
import { liveSubscriptions, type Subscription } from '../registration/subscription-repository';
import { WEBHOOK_MODELS, type WebhookModel } from '../wire-names';

export const WebhookHealth = { healthy: 'healthy', degraded: 'degraded', off: 'off' } as const;
export type WebhookHealth = (typeof WebhookHealth)[keyof typeof WebhookHealth];

/** A firm's webhooks as the scheduler and the status page read them. */
export interface FirmWebhookHealth {
  firmId: string;
  health: WebhookHealth;
  /** Per mirrored model: `active` (registered, not expired), `registering`, `expired`, or `missing`. */
  models: Record<WebhookModel, 'active' | 'registering' | 'expired' | 'missing'>;
  /** Earliest expiry among the active webhooks (ISO), null when none. */
  nextExpiry: string | null;
  /** Deliveries applied to the mirror so far, and the lag (received → applied) of the last pass and the worst one. */
  applied: number;
  lastAppliedAt: string | null;
  lastLagMs: number | null;
  maxLagMs: number;
}

const stateOf = (s: Subscription | undefined, now: Date): FirmWebhookHealth['models'][WebhookModel] => {
  if (!s) return 'missing';
  if (s.status === 'registering') return 'registering';
  return s.expiresAt !== null && s.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
};

/**
 * Pure: healthy when every mirrored model has an active webhook, off when none has, degraded otherwise (the
 * scheduler polls more often then).
 */
export const healthOf = (models: FirmWebhookHealth['models']): WebhookHealth => {
  const states = Object.values(models);
  if (states.every((s) => s === 'active')) return WebhookHealth.healthy;
  return states.some((s) => s === 'active') ? WebhookHealth.degraded : WebhookHealth.off;
};

/** Reads a firm's webhook health from the subscriptions and the applier's stats (`now`: Clio's clock). */
export const firmWebhookHealth = async (
  db: Executor<WebhooksDb>,
  firmId: string,
  now: Date,
): Promise<FirmWebhookHealth> => {
  const byModel = new Map((await liveSubscriptions(db, firmId)).map((s) => [s.model, s]));
  const models = Object.fromEntries(
    (Object.keys(WEBHOOK_MODELS) as WebhookModel[]).map((m) => [m, stateOf(byModel.get(m), now)]),
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
