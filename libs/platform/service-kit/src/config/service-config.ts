import type { Logger } from 'pino';
import { databaseUrlFromEnv, dbPoolMaxFromEnv } from '@sf/db';
import type { JwtAuthConfig } from '@sf/http-auth';
import {
  DEFAULT_NATS_URL,
  natsClientSettingsFromEnv,
  topologyOptionsFromEnv,
  type NatsClientSettings,
  type TopologyOptions,
} from '@sf/messaging';
import { definedFields, envNumber } from './env';

/** What every service started by `bootService` needs: its stores, its HTTP edge, its logger. */
export interface ServiceConfig {
  databaseUrl: string;
  natsUrl: string;
  /** Reconnect pacing and give-up of the NATS client (SF_NATS_RECONNECT_*, SF_NATS_GIVE_UP_MS); url is `natsUrl`. */
  nats?: Partial<Omit<NatsClientSettings, 'url'>>;
  /**
   * Called when the process cannot continue (NATS gone for good): the service's `main` exits non-zero with one log
   * line. Default: an error log line only (in-process tests).
   */
  onFatal?: (reason: string) => void;
  /** Postgres pool size (DB_POOL_MAX), overriding the service's own budget (see `bootService`'s `pool`). */
  dbPoolMax?: number;
  /** HTTP port; 0 picks a free port. Each service sets its own default. */
  port: number;
  /** Listen address of the HTTP server. Default all interfaces. */
  host?: string;
  topology: TopologyOptions;
  /** pino level. Default `info`. */
  logLevel: string;
  /** Logger replacing the default (pino to stdout at `logLevel`). */
  logger?: Logger;
  /** Gateway JWT settings of the HTTP guard; default from AUTH_JWT_* (health routes are public either way). */
  jwt?: JwtAuthConfig;
}

export { DEFAULT_NATS_URL };

/** Defaults of the fields every service shares (the port is the service's own). */
export const SERVICE_DEFAULTS: Pick<ServiceConfig, 'topology' | 'logLevel'> = { topology: {}, logLevel: 'info' };

/**
 * The shared fields from the environment: DATABASE_URL, NATS_URL, PORT, HOST, LOG_LEVEL, the SF_NATS_* topology
 * variables, DB_POOL_MAX and the NATS client's SF_NATS_RECONNECT_* / SF_NATS_GIVE_UP_MS. Unset ones are left out, so a spread over the defaults keeps the defaults.
 */
export const serviceConfigFromEnv = (
  env: NodeJS.ProcessEnv,
): Pick<ServiceConfig, 'databaseUrl' | 'natsUrl' | 'topology'> & Partial<ServiceConfig> => ({
  databaseUrl: databaseUrlFromEnv(env),
  natsUrl: natsClientSettingsFromEnv(env).url,
  nats: natsClientSettingsFromEnv(env),
  topology: topologyOptionsFromEnv(env),
  ...definedFields({
    dbPoolMax: dbPoolMaxFromEnv(env),
    port: envNumber(env, 'PORT'),
    host: env['HOST'] || undefined,
    logLevel: env['LOG_LEVEL'],
  }),
});
