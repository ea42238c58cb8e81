// `npm run fetcher`: the clio-fetcher service (env: see fetcher-config.ts). Wiring only.
import { createLogger } from '@sf/logging';
import { fetcherConfigFromEnv } from './fetcher-config';
import { startFetcher } from './start-fetcher';

const main = async (): Promise<void> => {
  const config = fetcherConfigFromEnv(process.env);
  const logger = createLogger({ name: 'clio-fetcher', level: config.logLevel });
  const fetcher = await startFetcher({ ...config, logger });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing pages in flight');
    fetcher.close().then(
      () => { logger.info('stopped'); process.exit(0); },
      (err: unknown) => { logger.error({ err: String(err) }, 'stop failed'); process.exit(1); },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
};

main().catch((err: unknown) => {
  process.stderr.write(`clio-fetcher failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
