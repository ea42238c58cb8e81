import { Buffer } from 'node:buffer';
import type { Logger } from 'pino';
import { databaseUrlFromEnv, dbPoolMaxFromEnv } from '@sf/db';
import { jwtAuthConfigFromEnv, type JwtAuthConfig } from '@sf/http-auth';
import { natsClientSettingsFromEnv, topologyOptionsFromEnv, type TopologyOptions } from '@sf/messaging';
import type { ServiceNatsConfig } from '@sf/service-kit';
import { clioTokenRefresherOptionsFromEnv, keyringFromEnv, type Keyring, type RefreshPolicy } from '@sf/token-vault';
import type { ClioAppConfig } from './clio/clio-endpoints';
import { MIN_STATE_SECRET_BYTES } from './oauth-state/oauth-state';
import { AuthServiceEnv } from './wire-names';

export interface AuthServiceConfig extends ServiceNatsConfig {
  /** postgres:// URL (`DATABASE_URL`). */
  databaseUrl: string;
  /** `NATS_URL`. Default `nats://127.0.0.1:4222`. */
  natsUrl: string;
  /** HTTP port (`PORT`); 0 picks a free one. Default 3001. */
  port: number;
  /** Listen address (`HOST`). Default `0.0.0.0`. */
  host: string;
  /** Gateway JWT verification (`AUTH_JWT_*`, `AUTH_JWKS_*`). */
  jwt: JwtAuthConfig;
  /** Token vault keys (`TOKEN_VAULT_KEYS`, `TOKEN_VAULT_ACTIVE_KID`). */
  keyring: Keyring;
  /** Our Clio app (`CLIO_CLIENT_ID`, `CLIO_CLIENT_SECRET`, `CLIO_OAUTH_ORIGIN_US|EU|CA|AU`). */
  clio: ClioAppConfig;
  /** HMAC-SHA256 key of the OAuth `state` (`AUTH_STATE_SECRET`), at least 32 bytes. */
  stateSecret: Buffer;
  /**
   * Public URL of `GET /connections/clio/callback`, exactly as registered with Clio as a redirect URI
   * (`AUTH_CALLBACK_URL`). Default `http://127.0.0.1:<bound port>/connections/clio/callback`.
   */
  callbackUrl?: string;
  /** Where the browser is sent after a successful connect (`AUTH_CONNECT_SUCCESS_URL`). Unset: answer with JSON. */
  successUrl?: string;
  /** Lifetime of a pending authorisation, in ms. Default 600 000 (10 min, Clio's code lifetime). */
  stateTtlMs?: number;
  /** Period of the proactive refresh and state purge, in ms (`AUTH_REFRESH_INTERVAL_MS`); 0 disables. Default 60 000. */
  refreshIntervalMs?: number;
  /** Overrides of the vault's refresh policy (skew, max age, retry). */
  refreshPolicy?: Partial<RefreshPolicy>;
  /** Longest wait for a firm's token lock, in ms. Default 30 000 (above Clio calls' 10 s timeout). */
  lockTimeoutMs?: number;
  /** JetStream names (`SF_NATS_NAMESPACE`, ...); the token RPC subject is rebased onto the same namespace. */
  topology?: TopologyOptions;
  /** Postgres pool size (`DB_POOL_MAX`). Default its budget, 10. */
  dbPoolMax?: number;
  /** Wall clock for token expiry and event times. Default `() => new Date()`. */
  clock?: () => Date;
  /** JSON logger. Default: pino to stdout at `LOG_LEVEL` (default info). */
  logger?: Logger;
}

const intFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
};

/** Reads the whole configuration; a missing or invalid setting throws naming the variable (never its value). */
export const authServiceConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): AuthServiceConfig => {
  const stateSecret = Buffer.from(env[AuthServiceEnv.StateSecret] ?? '', 'utf8');
  if (stateSecret.length < MIN_STATE_SECRET_BYTES)
    throw new Error(`${AuthServiceEnv.StateSecret} must be set to at least ${MIN_STATE_SECRET_BYTES} bytes`);
  const clio = clioTokenRefresherOptionsFromEnv(env);
  return {
    databaseUrl: databaseUrlFromEnv(env),
    dbPoolMax: dbPoolMaxFromEnv(env),
    natsUrl: env[AuthServiceEnv.NatsUrl] || 'nats://127.0.0.1:4222',
    nats: natsClientSettingsFromEnv(env),
    port: intFrom(env, AuthServiceEnv.Port, 3001),
    host: env[AuthServiceEnv.Host] || '0.0.0.0',
    jwt: jwtAuthConfigFromEnv(env),
    keyring: keyringFromEnv(env),
    clio: {
      clientId: clio.clientId,
      clientSecret: clio.clientSecret,
      ...(clio.origins ? { origins: clio.origins } : {}),
    },
    stateSecret,
    ...(env[AuthServiceEnv.CallbackUrl] ? { callbackUrl: env[AuthServiceEnv.CallbackUrl] } : {}),
    ...(env[AuthServiceEnv.SuccessUrl] ? { successUrl: env[AuthServiceEnv.SuccessUrl] } : {}),
    refreshIntervalMs: intFrom(env, AuthServiceEnv.RefreshIntervalMs, 60_000),
    topology: topologyOptionsFromEnv(env),
  };
};
