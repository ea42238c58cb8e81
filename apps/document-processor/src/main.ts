// `npm run processor`: the document-processor service (env: see processor-config.ts). Wiring only.
import { createLogger } from '@sf/logging';
import { processorConfigFromEnv } from './processor-config';
import { startProcessor } from './start-processor';

const main = async (): Promise<void> => {
  const config = processorConfigFromEnv(process.env);
  const logger = createLogger({ name: 'document-processor', level: config.logLevel });
  const processor = await startProcessor({ ...config, logger });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: giving leases back');
    processor.close().then(
      () => { logger.info('stopped'); process.exit(0); },
      (err: unknown) => { logger.error({ err: String(err) }, 'stop failed'); process.exit(1); },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
};

main().catch((err: unknown) => {
  process.stderr.write(`document-processor failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
