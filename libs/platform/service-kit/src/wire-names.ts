/**
 * Paths of the probes every process serves: `GET /health/live`, `GET /health/ready` and `GET /metrics` (Prometheus
 * text).
 */
export const HealthRoutes = {
  base: 'health',
  live: 'live',
  ready: 'ready',
  metrics: 'metrics',
} as const;

/** Names of the infrastructure checks in `/health/ready` `checks` (a service's loops add their own). */
export const ReadinessChecks = { postgres: 'postgres', nats: 'nats' } as const;
export type ReadinessCheck = (typeof ReadinessChecks)[keyof typeof ReadinessChecks];
