import { clioTokenProvider } from '@sf/clio-client';
import { createLogger } from '@sf/logging';
import { FETCHER_MIGRATION_SETS, type FetcherDb } from './schema/fetcher-schema';
import { bootService, consumersNotStuck, type BootedService } from '@sf/service-kit';
import type { WorkerPool } from '@sf/work-queue';
import type { FetcherConfig } from './fetcher-config';
import { FetcherModule } from './health/fetcher.module';
import { fetcherConsumerOptions, startIntake } from './intake/intake-consumers';
import { FETCHER_API_INFO } from './api-info';
import { startJobWorkers } from './work/job-workers';
import { startWriter } from './writer/writer';
import { fetcherPool } from './fetcher-pool';

export interface Fetcher extends BootedService {
  /** Jobs running right now in this process. */
  activeJobs(): number;
}

/**
 * Starts the clio-fetcher: migrations, JetStream provisioning, the health server (port 3003 by default), the intake
 * consumers (requests and controls into the work queue) and `config.workers` job slots. `close()` is graceful:
 * consumers stop taking requests, running jobs finish the page in flight and give their lease back (another replica
 * resumes them at once), then HTTP, NATS and the pool close.
 */
export const startFetcher = async (config: FetcherConfig): Promise<Fetcher> => {
  const log = config.logger ?? createLogger({ name: 'clio-fetcher', level: config.logLevel });
  let workers: WorkerPool | undefined;
  const service = await bootService<FetcherDb>({
    name: 'clio-fetcher',
    config,
    log,
    pool: fetcherPool(config),
    migrations: FETCHER_MIGRATION_SETS,
    consumers: fetcherConsumerOptions(),
    httpModule: (readiness, jwt) => FetcherModule.forRoot(readiness, jwt),
    apiInfo: FETCHER_API_INFO,
    start: async ({ db, nc, topology, port, onClose, addReadinessCheck }) => {
      const intake = await startIntake(nc, db, topology, log);
      onClose(() => Promise.all(intake.map((r) => r.stop())));
      addReadinessCheck(
        'consumers',
        consumersNotStuck(() => intake.map((r) => r.loopState())),
      );
      const tokens = clioTokenProvider(nc, topology.namespace, config);
      const pool = startJobWorkers({ db, config, log, tokens });
      workers = pool;
      onClose(() => pool.stop());
      if (config.writerSlots > 0) {
        const writer = startWriter({ db, tokens, log, slots: config.writerSlots, pollMs: config.writerPollMs });
        onClose(() => writer.stop());
      }
      log.info(
        { port, workers: config.workers, workerId: config.workerId, namespace: topology.namespace },
        'clio-fetcher started',
      );
    },
  });
  return { ...service, activeJobs: () => workers?.active() ?? 0 };
};
