import { clioAccessFromEnv, type ClioAccessConfig } from '@sf/clio-client';
import {
  definedFields as defined,
  envNumber as num,
  SERVICE_DEFAULTS,
  serviceConfigFromEnv,
  type ServiceConfig,
} from '@sf/service-kit';
import type { Keyring } from '@sf/token-vault';
import { DEFAULT_RENEWAL_POLICY, type RenewalPolicy } from './registration/renewal-policy';

/** What a webhooks process runs: the public ingress, the registrar, the applier (each can run alone). */
export const WebhookRoles = { ingress: 'ingress', registrar: 'registrar', applier: 'applier' } as const;
export type WebhookRole = (typeof WebhookRoles)[keyof typeof WebhookRoles];

export interface WebhooksConfig extends ServiceConfig, ClioAccessConfig {
  roles: readonly WebhookRole[];
  /** Keys that seal and open webhook secrets (the token vault's keyring). */
  keyring: Keyring;
  /** Public origin Clio posts to (https in production), e.g. `https://hooks.example.com`. */
  publicUrl: string;
  /** Registrar pass over every connected firm, ms. Default 30 000. */
  registrarIntervalMs: number;
  /** Applier poll when the log has nothing new, ms. Default 100. */
  applierPollMs: number;
  /** Log events the applier reads per pass. Default 500. */
  applierBatch: number;
  /** How long the ingress keeps an opened subscription, ms. Default 5 000. */
  subscriptionCacheMs: number;
  renewal: RenewalPolicy;
  /** Clio's clock as far as the registrar knows it. Default the wall clock (tests: the simulator's). */
  clioClock?: () => Date;
}

export const webhooksConfig = (
  over: Partial<WebhooksConfig> & Pick<WebhooksConfig, 'databaseUrl' | 'natsUrl' | 'keyring' | 'publicUrl'>,
): WebhooksConfig => ({
  ...SERVICE_DEFAULTS,
  port: 3005,
  roles: Object.values(WebhookRoles),
  registrarIntervalMs: 30_000,
  applierPollMs: 100,
  applierBatch: 500,
  subscriptionCacheMs: 5_000,
  renewal: DEFAULT_RENEWAL_POLICY,
  ...over,
});

const rolesOf = (raw: string | undefined): WebhookRole[] | undefined => {
  if (raw === undefined || raw.trim() === '') return undefined;
  const all: readonly string[] = Object.values(WebhookRoles);
  const roles = raw.split(',').map((r) => r.trim());
  const bad = roles.find((r) => !all.includes(r));
  if (bad !== undefined) throw new Error(`WEBHOOKS_ROLES must list ${all.join(', ')}`);
  return roles as WebhookRole[];
};

/**
 * From the environment: the shared DATABASE_URL, NATS_URL, PORT, HOST, LOG_LEVEL and SF_NATS_*; TOKEN_VAULT_KEYS and
 * TOKEN_VAULT_ACTIVE_KID (the keyring); WEBHOOKS_PUBLIC_URL (required), WEBHOOKS_ROLES (default all three),
 * WEBHOOKS_REGISTRAR_INTERVAL_MS, WEBHOOKS_APPLIER_POLL_MS, WEBHOOKS_APPLIER_BATCH, WEBHOOKS_TOKEN_SUBJECT.
 */
export const webhooksConfigFromEnv = (env: NodeJS.ProcessEnv, keyring: Keyring): WebhooksConfig => {
  const publicUrl = env['WEBHOOKS_PUBLIC_URL'];
  if (!publicUrl) throw new Error('WEBHOOKS_PUBLIC_URL is required (the origin Clio posts deliveries to)');
  return webhooksConfig({
    ...serviceConfigFromEnv(env),
    ...clioAccessFromEnv(env, 'WEBHOOKS'),
    keyring,
    publicUrl,
    ...defined({
      roles: rolesOf(env['WEBHOOKS_ROLES']),
      registrarIntervalMs: num(env, 'WEBHOOKS_REGISTRAR_INTERVAL_MS'),
      applierPollMs: num(env, 'WEBHOOKS_APPLIER_POLL_MS'),
      applierBatch: num(env, 'WEBHOOKS_APPLIER_BATCH'),
    }),
  });
};
