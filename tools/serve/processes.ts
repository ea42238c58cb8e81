/**
 * Every process the one image runs (deploy/Dockerfile: `docker run <image> <process>`), with the compiled entry point
 * (relative to the build's root, no extension) and how its health is served. The one list the Dockerfile, the
 * Kubernetes manifests (`args: [<process>]`) and docker-compose.yml name processes by; tools/serve/serve.spec.ts
 * checks that the manifests name only these.
 */
export interface ProcessSpec {
  entry: string;
  /** Arguments when the command gives none after the process name. */
  args?: string[];
  /**
   * Where `/health/live` and `/health/ready` are served: an HTTP service on `PORT` (default below), a worker on
   * `HEALTH_PORT` (the image sets it), or nowhere (a one-shot command).
   */
  health: { env: 'PORT'; defaultPort: number } | { env: 'HEALTH_PORT' } | 'none';
  /** Runs in production (the Kubernetes manifests); false: development only (the Clio simulator). */
  production: boolean;
}

export const PROCESSES = {
  'auth-service': {
    entry: 'apps/auth-service/src/main',
    health: { env: 'PORT', defaultPort: 3001 },
    production: true,
  },
  'sync-orchestrator': {
    entry: 'apps/sync-orchestrator/src/main',
    health: { env: 'PORT', defaultPort: 3002 },
    production: true,
  },
  'clio-fetcher': {
    entry: 'apps/clio-fetcher/src/main',
    health: { env: 'PORT', defaultPort: 3003 },
    production: true,
  },
  'document-processor': {
    entry: 'apps/document-processor/src/main',
    health: { env: 'PORT', defaultPort: 3004 },
    production: true,
  },
  /** Clio webhooks: the public ingress, the registrar and the applier (WEBHOOKS_ROLES picks; default all three). */
  webhooks: {
    entry: 'apps/webhooks/src/main',
    health: { env: 'PORT', defaultPort: 3005 },
    production: true,
  },
  relay: { entry: 'tools/relay', health: { env: 'HEALTH_PORT' }, production: true },
  projections: { entry: 'tools/projections', args: ['run'], health: { env: 'HEALTH_PORT' }, production: true },
  migrate: { entry: 'tools/migrate', health: 'none', production: true },
  /** The sync CLI (`sync request --firm F`, `sync status --job J`, ...): for `kubectl exec` or a one-off Job. */
  sync: { entry: 'apps/sync-orchestrator/src/cli', health: 'none', production: true },
  /** A gateway JWT signed with AUTH_JWT_SECRET, for trying the APIs by hand (docker compose). */
  'dev-jwt': { entry: 'tools/dev-jwt', health: 'none', production: false },
  'clio-simulator': {
    entry: 'simulator/cli/src/main',
    health: 'none',
    production: false,
  },
} satisfies Record<string, ProcessSpec>;

export type ProcessName = keyof typeof PROCESSES;

export const isProcessName = (name: string | undefined): name is ProcessName =>
  name !== undefined && Object.prototype.hasOwnProperty.call(PROCESSES, name);

/** The port a process serves its health on, from its environment; undefined when it serves none. */
export const healthPortOf = (name: ProcessName, env: NodeJS.ProcessEnv): number | undefined => {
  const spec: ProcessSpec = PROCESSES[name];
  if (spec.health === 'none') return undefined;
  const raw = env[spec.health.env];
  if (raw !== undefined && raw !== '') return Number(raw);
  return 'defaultPort' in spec.health ? spec.health.defaultPort : undefined;
};
