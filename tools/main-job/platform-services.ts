import { randomBytes } from 'node:crypto';
import type { ServiceSpec } from './services';

export interface PlatformPorts {
  auth: number;
  orchestrator: number;
  fetcher: number;
  /** Absent: the document processor is not started (syncs only). */
  processor?: number;
  /**
   * Health ports of the relay and the projections (HEALTH_PORT). Required: readiness is their health, never a log
   * line, which a quieter LOG_LEVEL would hide.
   */
  relayHealth: number;
  projectionsHealth: number;
  /** Extra fetcher replicas (each its own process and port), for takeover tests. */
  extraFetchers?: number[];
}

export interface PlatformOptions {
  /** Environment every process shares: DATABASE_URL, NATS_URL, AUTH_JWT_SECRET, LOG_LEVEL, HOST. */
  common: NodeJS.ProcessEnv;
  ports: PlatformPorts;
  /** Origin of the Clio simulator the auth service talks OAuth to (US region). */
  simOrigin: string;
  /** The Clio app registered with the simulator. */
  clientId: string;
  clientSecret: string;
}

const local = (port: number): string => `http://127.0.0.1:${port}`;

/**
 * Every platform process as its own child, as in production: the relay, the projections, the auth service (with a
 * vault key and an OAuth state secret made for this run only), the orchestrator, the fetcher and the processor.
 * One list for the main job and the sync benchmark, so both start the same system.
 */
export const platformServiceSpecs = (o: PlatformOptions): ServiceSpec[] => {
  const { common, ports } = o;
  const http = (name: string, entry: string, port: number, env: NodeJS.ProcessEnv = {}): ServiceSpec => ({
    name,
    entry,
    readyUrl: `${local(port)}/health/ready`,
    env: { ...common, ...env, PORT: String(port) },
  });
  const authUrl = local(ports.auth);
  const withHealth = (port: number): Pick<ServiceSpec, 'readyUrl' | 'env'> => ({
    readyUrl: `${local(port)}/health/ready`,
    env: { ...common, HEALTH_PORT: String(port) },
  });
  return [
    {
      name: 'relay',
      entry: 'tools/relay.ts',
      ...withHealth(ports.relayHealth),
    },
    {
      name: 'projections',
      entry: 'tools/projections.ts',
      args: ['run'],
      ...withHealth(ports.projectionsHealth),
    },
    http('auth-service', 'apps/auth-service/src/main.ts', ports.auth, {
      AUTH_STATE_SECRET: randomBytes(32).toString('hex'),
      TOKEN_VAULT_KEYS: `run:${randomBytes(32).toString('base64')}`,
      TOKEN_VAULT_ACTIVE_KID: 'run',
      CLIO_CLIENT_ID: o.clientId,
      CLIO_CLIENT_SECRET: o.clientSecret,
      CLIO_OAUTH_ORIGIN_US: o.simOrigin,
      AUTH_CALLBACK_URL: `${authUrl}/connections/clio/callback`,
    }),
    http('sync-orchestrator', 'apps/sync-orchestrator/src/main.ts', ports.orchestrator),
    http('clio-fetcher', 'apps/clio-fetcher/src/main.ts', ports.fetcher),
    ...(ports.extraFetchers ?? []).map((p, i) => http(`clio-fetcher-${i + 2}`, 'apps/clio-fetcher/src/main.ts', p)),
    ...(ports.processor === undefined
      ? []
      : [http('document-processor', 'apps/document-processor/src/main.ts', ports.processor)]),
  ];
};
