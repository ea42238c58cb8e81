// `npm run processor`: the document-processor service (env: see processor-config.ts). Wiring only.
import { runMain } from '@sf/service-kit';
import { createLogger } from './log';
import { processorConfigFromEnv } from './processor-config';
import { startProcessor } from './start-processor';

runMain({
  name: 'document-processor',
  stopping: 'giving leases back',
  start: async () => {
    const config = processorConfigFromEnv(process.env);
    const logger = createLogger({ level: config.logLevel });
    return { logger, close: (await startProcessor({ ...config, logger })).close };
  },
});
