import type { Logger } from 'pino';
import { databaseUrlFromEnv } from '@sf/db';
import { jwtAuthConfigFromEnv, type JwtAuthConfig } from '@sf/http-auth';
import { natsClientSettingsFromEnv, topologyOptionsFromEnv, type TopologyOptions } from '@sf/messaging';
import { definedFields as defined, type ServiceNatsConfig } from '@sf/service-kit';
import { DEFAULT_SCHEDULER_CONFIG, type SchedulerConfig } from '@sf/sync-jobs';
import type { SyncPolicyConfig } from '@sf/sync-policy';
import type { WebhookHealthPort } from './schedule/webhook-health';
import { OrchestratorEnv } from './wire-names';

export interface OrchestratorConfig extends ServiceNatsConfig {
  /** postgres:// URL (`DATABASE_URL`). */
  databaseUrl: string;
  /** `NATS_URL`. Default `nats://127.0.0.1:4222`. */
  natsUrl: string;
  /** HTTP port (`PORT`); 0 picks a free one. Default 3002. */
  port: number;
  /** Listen address (`HOST`). Default `0.0.0.0`. */
  host: string;
  /** Gateway JWT verification (`AUTH_JWT_*`, `AUTH_JWKS_*`, as `HttpAuthModule.fromEnv()` reads them). */
  jwt: JwtAuthConfig;
  /** Overrides of the sync policy (cooldown `SYNC_MANUAL_COOLDOWN_MS`, stall threshold `SYNC_STALL_AFTER_MS`, …). */
  policy?: Partial<SyncPolicyConfig>;
  /** A job no worker started within this long is failed with an actionable reason, ms (`SYNC_UNCLAIMED_AFTER_MS`). Default 3 600 000. */
  unclaimedAfterMs?: number;
  /** Period of the stall check, ms (`SYNC_STALL_CHECK_INTERVAL_MS`); 0 disables the timer. Default 30 000. */
  stallCheckIntervalMs?: number;
  /**
   * Run the `sync_jobs` and `firm_connections` projections in this process (`SYNC_RUN_PROJECTIONS`, default
   * true). Safe beside other runners: a per-batch advisory lock lets one apply at a time.
   */
  runProjections?: boolean;
  /** JetStream names (`SF_NATS_NAMESPACE`, …); the RPC subject is rebased onto the same namespace. */
  topology?: TopologyOptions;
  /** Postgres pool size (`DB_POOL_MAX`). Default its budget, 10. */
  dbPoolMax?: number;
  /**
   * Period of the scheduler's tick, ms (`SYNC_SCHEDULER_TICK_MS`); 0 disables the scheduler in this process
   * (`SYNC_SCHEDULER_ENABLED=false` too). Default 10 000.
   */
  schedulerTickMs?: number;
  /** A claimed due run is another replica's again after this long, ms (`SYNC_SCHEDULER_LEASE_MS`). Default 60 000. */
  schedulerLeaseMs?: number;
  /** Degraded-webhooks interval and reconciliation interval (`SYNC_SCHEDULE_DEGRADED_INTERVAL_MS`, `SYNC_RECONCILE_INTERVAL_MS`). */
  scheduler?: SchedulerConfig;
  /**
   * The firm's webhook health, for the schedule interval and the status. Default: read from the webhooks service's
   * subscriptions and stats (`@sf/sync-webhooks`).
   */
  webhookHealth?: WebhookHealthPort;
  /**
   * Where the status page gets a fresh short-lived token before its own expires (`STATUS_PAGE_TOKEN_URL`): the
   * gateway's endpoint answering `{ "access_token": "<JWT>" }` for the signed-in user (the page calls it with the
   * gateway's cookies, `credentials: 'include'`). Unset: the page says when its token expired and must be reopened.
   */
  statusPageTokenUrl?: string;
  /** Decision clock. Default `() => new Date()`. */
  clock?: () => Date;
  /** JSON logger. Default: pino to stdout at `LOG_LEVEL` (default info). */
  logger?: Logger;
}

const intFrom = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
};

const boolFrom = (env: NodeJS.ProcessEnv, name: string): boolean | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be true or false`);
};

/** Reads the configuration from the environment; a bad value names its variable (never the value). */
export const orchestratorConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): OrchestratorConfig => {
  const policy = defined({
    stallAfterMs: intFrom(env, OrchestratorEnv.StallAfterMs),
    manualCooldownMs: intFrom(env, OrchestratorEnv.ManualCooldownMs),
  });
  return {
    databaseUrl: databaseUrlFromEnv(env),
    natsUrl: env['NATS_URL'] || 'nats://127.0.0.1:4222',
    nats: natsClientSettingsFromEnv(env),
    port: intFrom(env, OrchestratorEnv.Port) ?? 3002,
    host: env[OrchestratorEnv.Host] || '0.0.0.0',
    jwt: jwtAuthConfigFromEnv(env),
    policy,
    topology: topologyOptionsFromEnv(env),
    ...defined({
      stallCheckIntervalMs: intFrom(env, OrchestratorEnv.StallCheckIntervalMs),
      unclaimedAfterMs: intFrom(env, OrchestratorEnv.UnclaimedAfterMs),
      runProjections: boolFrom(env, OrchestratorEnv.RunProjections),
      dbPoolMax: intFrom(env, OrchestratorEnv.DbPoolMax),
      schedulerTickMs:
        boolFrom(env, OrchestratorEnv.SchedulerEnabled) === false ? 0 : intFrom(env, OrchestratorEnv.SchedulerTickMs),
      schedulerLeaseMs: intFrom(env, OrchestratorEnv.SchedulerLeaseMs),
      statusPageTokenUrl: env[OrchestratorEnv.StatusPageTokenUrl] || undefined,
    }),
    scheduler: {
      degradedIntervalMs:
        intFrom(env, OrchestratorEnv.ScheduleDegradedIntervalMs) ?? DEFAULT_SCHEDULER_CONFIG.degradedIntervalMs,
      reconcileIntervalMs:
        intFrom(env, OrchestratorEnv.ReconcileIntervalMs) ?? DEFAULT_SCHEDULER_CONFIG.reconcileIntervalMs,
    },
  };
};
