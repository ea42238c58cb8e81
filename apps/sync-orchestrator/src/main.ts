// `npm run orchestrator`: the sync orchestrator (sync requests over HTTP and NATS, job controls, status views,
// stall detection). Configuration: see orchestrator-config.ts (DATABASE_URL, NATS_URL, PORT, AUTH_JWT_*, SYNC_*).
import './otel';
import { createLogger } from '@sf/logging';
import { exitOnFatal } from '@sf/service-kit';
import { orchestratorConfigFromEnv } from './orchestrator-config';
import { startOrchestrator } from './start-orchestrator';
import { OrchestratorEnv } from './wire-names';

const logger = createLogger({ name: 'sync-orchestrator', level: process.env[OrchestratorEnv.LogLevel] || 'info' });

const main = async (): Promise<void> => {
  const orchestrator = await startOrchestrator({
    ...orchestratorConfigFromEnv(process.env),
    logger,
    onFatal: exitOnFatal(logger),
  });
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string): void => {
    stopping ??= (async () => {
      logger.info({ signal }, 'stopping');
      await orchestrator.close();
      logger.info('stopped');
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
};

main().catch((err: unknown) => {
  // Config errors name the variable, never its value.
  logger.fatal({ err, detail: err instanceof Error ? err.message : undefined }, 'sync orchestrator failed to start');
  process.exit(1);
});
