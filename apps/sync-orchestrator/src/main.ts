// `npm run orchestrator`: the sync orchestrator (sync requests over HTTP and NATS, job controls, status views,
// stall detection). Configuration: see orchestrator-config.ts (DATABASE_URL, NATS_URL, PORT, AUTH_JWT_*, SYNC_*).
import './otel';
import { createLogger } from '@sf/logging';
import { exitOnFatal, runMain } from '@sf/service-kit';
import { orchestratorConfigFromEnv } from './orchestrator-config';
import { startOrchestrator } from './start-orchestrator';
import { OrchestratorEnv } from './wire-names';

runMain({
  name: 'sync-orchestrator',
  stopping: 'answering requests in flight',
  start: async () => {
    const logger = createLogger({ name: 'sync-orchestrator', level: process.env[OrchestratorEnv.LogLevel] || 'info' });
    // Config errors name the variable, never its value.
    const service = await startOrchestrator({ ...orchestratorConfigFromEnv(process.env), logger, onFatal: exitOnFatal(logger) });
    return { logger, close: () => service.close() };
  },
});
