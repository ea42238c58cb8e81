/** Paths of the health endpoints every service serves: `GET /health/live` and `GET /health/ready`. */
export const HealthRoutes = {
  base: 'health',
  live: 'live',
  ready: 'ready',
} as const;
