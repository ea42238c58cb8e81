import { defineCounter } from './define';
import { defineScrapedGauge } from './scraped-gauge';

/** Clio webhook deliveries by outcome (received, verified, deduped, rejected, applied): the webhooks service adds to it. */
export const webhookDeliveries = defineCounter('sf_webhook_deliveries_total', 'Clio webhook deliveries by outcome', [
  'outcome',
]);

/**
 * Records the webhook applier fetched from Clio by id instead of writing the delivery's payload, by cause (`partial`,
 * `same_pass_tie`, `mirror_tie`, `recent_tie`: see the applier's `FetchCause`). Bounded labels.
 */
export const webhookFetches = defineCounter(
  'sf_webhook_fetches_total',
  "Records the webhook applier fetched by id instead of taking the delivery's payload, by cause",
  ['cause'],
);

/** The numbers `sf_webhook_health` reports, so an alert reads `< 2` as "not healthy". */
export const WEBHOOK_HEALTH_VALUE = { off: 0, degraded: 1, healthy: 2 } as const;

/**
 * Per firm, its webhooks' health (2 healthy, 1 degraded, 0 off; the scheduler's rule), read at scrape by the
 * registrar. One series per firm that ever had a subscription: bounded by the firms, like the re-auth gauge.
 */
export const webhookHealth = defineScrapedGauge(
  'sf_webhook_health',
  "A firm's Clio webhooks: 2 healthy (every mirrored model active), 1 degraded, 0 off",
  ['firm_id'],
);

/** Verified deliveries in the log the applier has not applied yet (the webhooks inbox), counted up to a cap. */
export const webhookInboxDeliveries = defineScrapedGauge(
  'sf_webhook_inbox_deliveries',
  'Webhook deliveries recorded and not yet applied to the mirror (capped count)',
);

export const webhookInboxAgeSeconds = defineScrapedGauge(
  'sf_webhook_inbox_age_seconds',
  'Age of the oldest webhook delivery not yet applied (0 when none waits)',
);
