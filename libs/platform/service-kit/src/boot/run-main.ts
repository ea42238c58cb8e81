import type { Logger } from 'pino';

export interface MainOptions {
  /** Process name in the start-failure line. */
  name: string;
  /** What a graceful stop does, for the log (e.g. `finishing pages in flight`). */
  stopping: string;
  /** Reads the configuration and starts the service. */
  start(): Promise<{ logger: Logger; close(): Promise<void> }>;
}

/**
 * The body of a service's `main.ts`: starts it, stops it gracefully on the first SIGINT or SIGTERM (exit 0, or 1 if
 * the stop fails), and exits 1 with a one-line reason when it cannot start.
 */
export const runMain = (o: MainOptions): void => {
  const main = async (): Promise<void> => {
    const { logger, close } = await o.start();
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `stopping: ${o.stopping}`);
      close().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err: String(err) }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  };
  main().catch((err: unknown) => {
    process.stderr.write(`${o.name} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
};
