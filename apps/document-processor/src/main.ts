// `npm run processor`: the document-processor service (env: see processor-config.ts). Wiring only.
import './otel';
import { createLogger } from '@sf/logging';
import { exitOnFatal, runMain } from '@sf/service-kit';
import { processorConfigFromEnv } from './processor-config';
import { startProcessor } from './start-processor';

runMain({
  name: 'document-processor',
  stopping: 'giving leases back',
  start: async () => {
    const config = processorConfigFromEnv(process.env);
    const logger = createLogger({ name: 'document-processor', level: config.logLevel });
    return { logger, close: (await startProcessor({ ...config, logger, onFatal: exitOnFatal(logger) })).close };
  },
});
