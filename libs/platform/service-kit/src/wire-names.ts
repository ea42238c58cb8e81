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
