import type { Logger } from 'pino';
import { databaseUrlFromEnv } from '@sf/db';
import type { JwtAuthConfig } from '@sf/http-auth';
import { topologyOptionsFromEnv, type TopologyOptions } from '@sf/messaging';
import { definedFields, envNumber } from './env';

/** What every service started by `bootService` needs: its stores, its HTTP edge, its logger. */
export interface ServiceConfig {
  databaseUrl: string;
  natsUrl: string;
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

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** Defaults of the fields every service shares (the port is the service's own). */
export const SERVICE_DEFAULTS: Pick<ServiceConfig, 'topology' | 'logLevel'> = { topology: {}, logLevel: 'info' };

/**
 * The shared fields from the environment: DATABASE_URL, NATS_URL, PORT, HOST, LOG_LEVEL and the SF_NATS_* topology
 * variables. Unset ones are left out, so a spread over the defaults keeps the defaults.
 */
export const serviceConfigFromEnv = (
  env: NodeJS.ProcessEnv,
): Pick<ServiceConfig, 'databaseUrl' | 'natsUrl' | 'topology'> & Partial<ServiceConfig> => ({
  databaseUrl: databaseUrlFromEnv(env),
  natsUrl: env['NATS_URL'] ?? DEFAULT_NATS_URL,
  topology: topologyOptionsFromEnv(env),
  ...definedFields({ port: envNumber(env, 'PORT'), host: env['HOST'] || undefined, logLevel: env['LOG_LEVEL'] }),
});
