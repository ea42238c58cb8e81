import { WebhookHealth } from '@sf/sync-jobs';
import type { WebhookModel } from '../webhook-models';

/** One mirrored model's webhook: `active` (registered, not expired), `registering`, `expired`, or `missing`. */
export type ModelWebhookState = 'active' | 'registering' | 'expired' | 'missing';

/** What the health rule needs of a live subscription. */
export interface SubscriptionFacts {
  status: 'registering' | 'active';
  expiresAt: Date | null;
}

/** Pure: a model's state from its live subscription (if any) on Clio's clock `now`. */
export const modelStateOf = (s: SubscriptionFacts | undefined, now: Date): ModelWebhookState => {
  if (!s) return 'missing';
  if (s.status === 'registering') return 'registering';
  return s.expiresAt !== null && s.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
};

/**
 * Pure: healthy when every mirrored model has an active webhook, off when none has, degraded otherwise (the
 * scheduler polls more often then).
 */
export const healthOf = (models: Record<WebhookModel, ModelWebhookState>): WebhookHealth => {
  const states = Object.values(models);
  if (states.every((s) => s === 'active')) return WebhookHealth.healthy;
  return states.some((s) => s === 'active') ? WebhookHealth.degraded : WebhookHealth.off;
};
