import { clioTokenProvider } from '@sf/clio-client';
import { createLogger } from '@sf/logging';
import { PROCESSOR_MIGRATION_SETS, type ProcessorDb } from './schema/processor-schema';
import { bootService, consumersNotStuck, type BootedService } from '@sf/service-kit';
import type { WorkerPool } from '@sf/work-queue';
import { ProcessorModule } from './health/processor.module';
import { processorConsumerOptions, startIntake } from './intake/intake';
import { PROCESSOR_API_INFO } from './api-info';
import type { ProcessorConfig } from './processor-config';
import { downloadHashStep } from './steps/download-hash-step';
import { startJobWorkers } from './work/job-workers';

export interface Processor extends BootedService {
  /** Jobs running right now in this process. */
  activeJobs(): number;
}

/**
 * Starts the document-processor: migrations, JetStream provisioning, the health server (port 3004 by default), the
 * `JobStarted`/`JobCancelled` consumers (into the work queue) and `config.jobSlots` job workers. `close()` is
 * graceful: consumers stop, running jobs give their lease back (another replica resumes them), then HTTP, NATS, pool.
 */
export const startProcessor = async (config: ProcessorConfig): Promise<Processor> => {
  const log = config.logger ?? createLogger({ name: 'document-processor', level: config.logLevel });
  let workers: WorkerPool | undefined;
  const service = await bootService<ProcessorDb>({
    name: 'document-processor',
    config,
    log,
    // A job's documents in flight each hold a statement at once, with its claim and heartbeat.
    pool: { parts: { jobs: config.jobSlots * (config.concurrency + 2), intakeAndProbes: 4 } },
    migrations: PROCESSOR_MIGRATION_SETS,
    consumers: processorConsumerOptions(),
    httpModule: (readiness, jwt, db) => ProcessorModule.forRoot(readiness, jwt, db),
    apiInfo: PROCESSOR_API_INFO,
    start: async ({ db, nc, topology, port, onClose, addReadinessCheck }) => {
      const intake = await startIntake(nc, db, topology, log);
      onClose(() => Promise.all(intake.map((r) => r.stop())));
      addReadinessCheck(
        'consumers',
        consumersNotStuck(() => intake.map((r) => r.loopState())),
      );
      const pool = startJobWorkers({
        db,
        log,
        tokens: clioTokenProvider(nc, topology.namespace, config),
        settings: config,
        slots: config.jobSlots,
        concurrency: config.concurrency,
        retry: { attempts: config.maxAttempts, baseMs: config.retryBaseMs },
        steps: [downloadHashStep(config.lane), ...(config.extraSteps ?? [])],
        ...(config.client ? { client: config.client } : {}),
      });
      workers = pool;
      onClose(() => pool.stop());
      log.info(
        { port, jobSlots: config.jobSlots, concurrency: config.concurrency, workerId: config.workerId },
        'document-processor started',
      );
    },
  });
  return { ...service, activeJobs: () => workers?.active() ?? 0 };
};
