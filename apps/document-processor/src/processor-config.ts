import { clioAccessFromEnv, type ClioAccessConfig, type Lane } from '@sf/clio-client';
import {
  definedFields as defined,
  envNumber as num,
  SERVICE_DEFAULTS,
  serviceConfigFromEnv,
  type ServiceConfig,
} from '@sf/service-kit';
import { workerSettings, workerSettingsFromEnv, type WorkerSettings } from '@sf/work-queue';
import type { ProcessingStep } from './steps/processing-step';

/** The processor: a service (port default 3004) with workers over the processing-jobs queue that download from Clio. */
export interface ProcessorConfig extends ServiceConfig, WorkerSettings, ClioAccessConfig {
  /** Jobs one process runs at once. Default 1. */
  jobSlots: number;
  /** Documents of one job processed at once. Default 4. */
  concurrency: number;
  /** Attempts per document before `DocumentFailed`. Default 3. */
  maxAttempts: number;
  /** First retry delay of a document, doubled per attempt, ms. Default 1 000. */
  retryBaseMs: number;
  /** Rate-budget lane of downloads. Default `backfill` (bulk work leaves the reserve to interactive use). */
  lane: Lane;
  /** Steps after the default download-and-hash step (plug-ins). Default none. */
  extraSteps?: readonly ProcessingStep[];
}

export const processorConfig = (
  over: Partial<ProcessorConfig> & Pick<ProcessorConfig, 'databaseUrl' | 'natsUrl'>,
): ProcessorConfig => {
  const c: ProcessorConfig = {
    ...SERVICE_DEFAULTS,
    port: 3004,
    jobSlots: 1,
    concurrency: 4,
    maxAttempts: 3,
    retryBaseMs: 1_000,
    lane: 'backfill',
    ...over,
    ...workerSettings(over),
  };
  if (!(Number.isInteger(c.concurrency) && c.concurrency >= 1)) throw new Error('concurrency must be an integer >= 1');
  if (!(Number.isInteger(c.jobSlots) && c.jobSlots >= 1)) throw new Error('jobSlots must be an integer >= 1');
  if (!(Number.isInteger(c.maxAttempts) && c.maxAttempts >= 1)) throw new Error('maxAttempts must be an integer >= 1');
  return c;
};

const laneOf = (raw: string | undefined): Lane | undefined => {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'backfill' || raw === 'interactive' || raw === 'webhook') return raw;
  throw new Error('PROCESSOR_LANE must be backfill, interactive or webhook');
};

/**
 * From the environment: the shared DATABASE_URL, NATS_URL, PORT, HOST, LOG_LEVEL and SF_NATS_*; PROCESSOR_WORKER_ID,
 * PROCESSOR_LEASE_MS, PROCESSOR_POLL_MS, PROCESSOR_TOKEN_SUBJECT; PROCESSOR_JOB_SLOTS, PROCESSOR_CONCURRENCY,
 * PROCESSOR_MAX_ATTEMPTS, PROCESSOR_RETRY_BASE_MS, PROCESSOR_LANE.
 */
export const processorConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): ProcessorConfig =>
  processorConfig({
    ...serviceConfigFromEnv(env),
    ...workerSettingsFromEnv(env, 'PROCESSOR'),
    ...clioAccessFromEnv(env, 'PROCESSOR'),
    ...defined({
      jobSlots: num(env, 'PROCESSOR_JOB_SLOTS'),
      concurrency: num(env, 'PROCESSOR_CONCURRENCY'),
      maxAttempts: num(env, 'PROCESSOR_MAX_ATTEMPTS'),
      retryBaseMs: num(env, 'PROCESSOR_RETRY_BASE_MS'),
      lane: laneOf(env['PROCESSOR_LANE']),
    }),
  });
