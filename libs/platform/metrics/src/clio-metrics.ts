import { defineCounter, defineGauge, defineHistogram } from './define';

/** Clio API requests (one per HTTP request, retries included), recorded where the Clio client sends them. */
export const clioRequests = defineCounter(
  'sf_clio_requests_total',
  'HTTP requests sent to Clio, by entity type, lane and status (status "network" when no answer came)',
  ['entity_type', 'lane', 'status'],
);

/** 429 answers; also inside `sf_clio_requests_total{status="429"}`, kept apart for the alert's share. */
export const clioRateLimited = defineCounter('sf_clio_rate_limited_total', 'Clio answers 429 Too Many Requests', [
  'entity_type',
  'lane',
]);

export const clioRequestSeconds = defineHistogram(
  'sf_clio_request_duration_seconds',
  'Time from sending a Clio request to its response headers',
  ['entity_type', 'lane'],
  [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);

/** Clio's `X-RateLimit-Remaining` of the latest answer, per connection (never the firm's token). */
export const clioBudgetRemaining = defineGauge(
  'sf_clio_budget_remaining',
  "Requests left in Clio's current rate-limit window, per connection (latest X-RateLimit-Remaining)",
  ['connection'],
);
