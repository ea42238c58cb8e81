// The platform's bus user names, apart from their grants (platform-bus.ts), so readers need not load the apps.
/** Bus user names: the NATS_USER of each platform process. */
export const BusUsers = {
  relay: 'relay',
  auth: 'auth-service',
  orchestrator: 'sync-orchestrator',
  fetcher: 'clio-fetcher',
  processor: 'document-processor',
  webhooks: 'webhooks',
  /** The ops tools (`sf dlq`): read the dead letters, ask a consumer to apply one. Not a process of the platform. */
  ops: 'sf-ops',
  /** In-process test harnesses only (never in a development or production config). */
  test: 'test',
} as const;
export type PlatformBusUser = Exclude<(typeof BusUsers)[keyof typeof BusUsers], 'test'>;

/**
 * Which platform process runs as which bus user (the main job's, the outage stack's and docker-compose.yml's process
 * names; a replica `<name>-<n>` runs as `<name>`'s user).
 */
export const BUS_USER_OF_PROCESS: Record<string, PlatformBusUser> = {
  relay: BusUsers.relay,
  'auth-service': BusUsers.auth,
  'sync-orchestrator': BusUsers.orchestrator,
  'clio-fetcher': BusUsers.fetcher,
  'document-processor': BusUsers.processor,
  webhooks: BusUsers.webhooks,
};
