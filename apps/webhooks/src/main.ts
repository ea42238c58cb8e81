// `npm run webhooks`: the webhooks service (env: see webhooks-config.ts). Wiring only.
import './otel';
import { createLogger } from '@sf/logging';
import { exitOnFatal, runMain } from '@sf/service-kit';
import { keyringFromEnv } from '@sf/token-vault';
import { webhooksConfigFromEnv } from './webhooks-config';
import { startWebhooks } from './start-webhooks';

runMain({
  name: 'webhooks',
  stopping: 'finishing the pass in flight',
  start: async () => {
    const config = webhooksConfigFromEnv(process.env, keyringFromEnv(process.env));
    const logger = createLogger({ name: 'webhooks', level: config.logLevel });
    return { logger, close: (await startWebhooks({ ...config, logger, onFatal: exitOnFatal(logger) })).close };
  },
});
