// `npm run auth`: the auth service (Clio connect/disconnect, token vault, access-token RPC). Configuration: see
// auth-service-config.ts (DATABASE_URL, NATS_URL, PORT, AUTH_JWT_*, AUTH_STATE_SECRET, TOKEN_VAULT_*, CLIO_*).
import './otel';
import { createLogger } from '@sf/logging';
import { exitOnFatal, runMain } from '@sf/service-kit';
import { authServiceConfigFromEnv } from './auth-service-config';
import { startAuthService } from './start-auth-service';
import { AuthServiceEnv } from './wire-names';

runMain({
  name: 'auth-service',
  stopping: 'answering requests in flight',
  start: async () => {
    const logger = createLogger({ name: 'auth-service', level: process.env[AuthServiceEnv.LogLevel] || 'info' });
    // Config errors name the variable, never its value.
    const service = await startAuthService({
      ...authServiceConfigFromEnv(process.env),
      logger,
      onFatal: exitOnFatal(logger),
    });
    return { logger, close: () => service.close() };
  },
});
