import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { connectNats, type NatsClientSettings, type NatsIdentity } from '@sf/messaging';

/** The NATS fields of a service's configuration. */
export interface ServiceNatsConfig {
  natsUrl: string;
  /** Reconnect pacing and give-up (`natsClientSettingsFromEnv`); the URL is `natsUrl`. */
  nats?: Partial<Omit<NatsClientSettings, 'url'>>;
  /** Who to connect as; default the process environment's (`NATS_USER`, …). Tests run a service as its own user. */
  natsIdentity?: NatsIdentity;
  /** The process cannot continue: exit non-zero (`exitOnFatal`). Default: one error line, nothing else. */
  onFatal?: (reason: string) => void;
}

/**
 * A service's NATS connection: reconnects forever (or until the configured give-up, then `onFatal`), and logs
 * each disconnect and reconnect once.
 */
export const connectServiceNats = (name: string, c: ServiceNatsConfig, log: Logger): Promise<NatsConnection> =>
  connectNats({
    name,
    settings: { ...c.nats, url: c.natsUrl },
    ...(c.natsIdentity ? { identity: c.natsIdentity } : {}),
    onLost: c.onFatal ?? ((reason) => log.error({ reason }, 'nats connection lost for good')),
    onChange: (state) =>
      state === 'disconnected' ? log.warn('nats disconnected; reconnecting') : log.info('nats reconnected'),
  });

/**
 * The `onFatal` of a real process: one fatal line, then exit 1 so the supervisor restarts it. Never used in tests
 * that run services in-process.
 */
export const exitOnFatal =
  (log: Logger) =>
  (reason: string): void => {
    log.fatal({ reason }, `cannot continue, exiting: ${reason}`);
    process.exit(1);
  };
