// `npm run fetcher`: the clio-fetcher service (env: see fetcher-config.ts). Wiring only.
import './otel';
import { createLogger } from '@sf/logging';
import { exitOnFatal, runMain } from '@sf/service-kit';
import { fetcherConfigFromEnv } from './fetcher-config';
import { startFetcher } from './start-fetcher';

runMain({
  name: 'clio-fetcher',
  stopping: 'finishing pages in flight',
  start: async () => {
    const config = fetcherConfigFromEnv(process.env);
    const logger = createLogger({ name: 'clio-fetcher', level: config.logLevel });
    return { logger, close: (await startFetcher({ ...config, logger, onFatal: exitOnFatal(logger) })).close };
  },
});
