import { randomBytes } from 'node:crypto';
import { NatsIdentityEnv, type BusUser } from '@sf/messaging';
import { BUS_USER_OF_PROCESS } from '../bus/bus-user-names';
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
  /**
   * Absent: no webhooks service. Present: `webhooks` with every role on this port, which is also the public origin
   * the simulator posts deliveries to (loopback http, which the simulator accepts).
   */
  webhooks?: number;
  /** More webhooks processes running only the registrar and the applier (racing replicas of the internal roles). */
  extraWebhooks?: number[];
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
  /**
   * The locked bus's users (tools/bus/platform-bus.ts): each process connects as its own, with exactly its
   * permissions. Absent: every process connects with the shared environment (an open server).
   */
  natsUsers?: readonly Pick<BusUser, 'name' | 'password'>[];
  /** The registrar's pass interval, ms (WEBHOOKS_REGISTRAR_INTERVAL_MS); default the service's (30 s). */
  webhooksRegistrarIntervalMs?: number;
}

/** NATS_USER and NATS_PASSWORD of the process `name` (`clio-fetcher-2` is a `clio-fetcher`); none for others. */
const busIdentityEnv = (name: string, users: PlatformOptions['natsUsers']): NodeJS.ProcessEnv => {
  const user = users?.find((u) => u.name === BUS_USER_OF_PROCESS[name.replace(/-\d+$/, '')]);
  if (!user) return {};
  const E = NatsIdentityEnv;
  return {
    [E.user]: user.name,
    [E.password]: user.password,
    [E.passwordFile]: '',
    [E.credsFile]: '',
    [E.inboxPrefix]: '',
  };
};

const local = (port: number): string => `http://127.0.0.1:${port}`;

/**
 * Every platform process as its own child, as in production: the relay, the projections, the auth service (with a
 * vault key and an OAuth state secret made for this run only), the orchestrator, the fetcher, the processor and the
 * webhooks service (its own vault key: webhook secrets are sealed apart from the Clio tokens). One list for the main
 * job, the outage stack and the sync benchmark, so all start the same system.
 */
export const platformServiceSpecs = (o: PlatformOptions): ServiceSpec[] => {
  const { common, ports } = o;
  const http = (name: string, entry: string, port: number, env: NodeJS.ProcessEnv = {}): ServiceSpec => ({
    name,
    entry,
    readyUrl: `${local(port)}/health/ready`,
    env: { ...common, ...env, ...busIdentityEnv(name, o.natsUsers), PORT: String(port) },
  });
  const authUrl = local(ports.auth);
  const withHealth = (name: string, port: number): Pick<ServiceSpec, 'readyUrl' | 'env'> => ({
    readyUrl: `${local(port)}/health/ready`,
    env: { ...common, ...busIdentityEnv(name, o.natsUsers), HEALTH_PORT: String(port) },
  });
  return [
    {
      name: 'relay',
      entry: 'tools/relay.ts',
      ...withHealth('relay', ports.relayHealth),
    },
    {
      name: 'projections',
      entry: 'tools/projections.ts',
      args: ['run'],
      ...withHealth('projections', ports.projectionsHealth),
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
    ...webhooksSpecs(o, http),
  ];
};

const webhooksSpecs = (
  o: PlatformOptions,
  http: (name: string, entry: string, port: number, env: NodeJS.ProcessEnv) => ServiceSpec,
): ServiceSpec[] => {
  const { webhooks, extraWebhooks = [] } = o.ports;
  if (webhooks === undefined) return [];
  const env: NodeJS.ProcessEnv = {
    TOKEN_VAULT_KEYS: `run:${randomBytes(32).toString('base64')}`,
    TOKEN_VAULT_ACTIVE_KID: 'run',
    WEBHOOKS_PUBLIC_URL: local(webhooks),
    ...(o.webhooksRegistrarIntervalMs === undefined
      ? {}
      : { WEBHOOKS_REGISTRAR_INTERVAL_MS: String(o.webhooksRegistrarIntervalMs) }),
  };
  const entry = 'apps/webhooks/src/main.ts';
  return [
    http('webhooks', entry, webhooks, env),
    ...extraWebhooks.map((p, i) =>
      http(`webhooks-${i + 2}`, entry, p, { ...env, WEBHOOKS_ROLES: 'registrar,applier' }),
    ),
  ];
};
