// `npm run auth`: the auth service (Clio connect/disconnect, token vault, access-token RPC). Configuration: see
// auth-service-config.ts (DATABASE_URL, NATS_URL, PORT, AUTH_JWT_*, AUTH_STATE_SECRET, TOKEN_VAULT_*, CLIO_*).
import './otel';
import { createLogger } from '@sf/logging';
import { exitOnFatal } from '@sf/service-kit';
import { authServiceConfigFromEnv } from './auth-service-config';
import { startAuthService } from './start-auth-service';
import { AuthServiceEnv } from './wire-names';

const logger = createLogger({ name: 'auth-service', level: process.env[AuthServiceEnv.LogLevel] || 'info' });

const main = async (): Promise<void> => {
  const service = await startAuthService({
    ...authServiceConfigFromEnv(process.env),
    logger,
    onFatal: exitOnFatal(logger),
  });
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string): void => {
    stopping ??= (async () => {
      logger.info({ signal }, 'stopping');
      await service.close();
      logger.info('stopped');
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
};

main().catch((err: unknown) => {
  // Config errors name the variable, never its value.
  logger.fatal({ err, detail: err instanceof Error ? err.message : undefined }, 'auth service failed to start');
  process.exit(1);
});
