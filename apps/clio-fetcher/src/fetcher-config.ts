import { clioAccessFromEnv, type ClioAccessConfig } from '@sf/clio-client';
import { mirrorPartitionsFromEnv } from '@sf/clio-mirror';
import {
  definedFields as defined,
  envNumber as num,
  SERVICE_DEFAULTS,
  serviceConfigFromEnv,
  type ServiceConfig,
} from '@sf/service-kit';
import { workerSettings, workerSettingsFromEnv, type WorkerSettings } from '@sf/work-queue';

/** Settings of the deletion checks that follow a listing. */
export interface SweepConfig {
  /** A sweep that would soft-delete more than this share of the scope's live records is held for review. Default 0.5. */
  maxDeleteShare: number;
  /** Sweeps deleting at most this many records are never held, whatever the share. Default 5. */
  holdAbove: number;
  /** Ids per `ids[]` confirmation request before anything is deleted. Default 100. */
  confirmBatch: number;
  /** Most Clio count probes one count-based deletion search may spend per entity type. Default 200. */
  maxProbes: number;
  /** How long to wait for the mirror projection to reach the job's last event before a deletion check, ms. Default 60 000. */
  catchUpTimeoutMs: number;
  /**
   * When the mirror did not catch up in time, the job is blocked this long (`SyncJobBlocked`, a reason users see)
   * and then runs the check again: it never completes without its deletion checks. Default 15 000.
   */
  catchUpRetryMs: number;
  /** Partitions of the mirror projection (`SF_MIRROR_PARTITIONS`, the same in every process): the catch-up applies its firm's. Default 1. */
  mirrorPartitions: number;
}

/** The fetcher: a service (port default 3003) with workers over the sync-jobs queue that call Clio. */
export interface FetcherConfig extends ServiceConfig, WorkerSettings, ClioAccessConfig {
  /** Jobs one process runs at once. Default 2. */
  workers: number;
  /** Incremental listings start this long before the previous job's start (clock skew, slow commits), ms. Default 300 000. */
  overlapMs: number;
  /** Records per page, 1..200. Default 200. */
  pageSize: number;
  /** Failed attempts (Clio errors, crashes) without progress before the job fails. Default 5. */
  maxAttempts: number;
  /** First retry delay after a failed attempt, doubled per attempt, ms. Default 5 000. */
  retryBaseMs: number;
  sweep: SweepConfig;
  /** Records the writer (write-back to Clio) writes at once; 0 turns the writer off in this process. Default 4. */
  writerSlots: number;
  /** The writer's pause when no write is ready, ms. Default 200. */
  writerPollMs: number;
  /** The fetcher's clock (event and job times); default the system clock. Tests skew it against Clio's. */
  now?: () => Date;
}

export const DEFAULT_SWEEP: SweepConfig = {
  maxDeleteShare: 0.5,
  holdAbove: 5,
  confirmBatch: 100,
  maxProbes: 200,
  catchUpTimeoutMs: 60_000,
  catchUpRetryMs: 15_000,
  mirrorPartitions: 1,
};

/** `client.maxWaitMs` defaults to 20 000 in the workers: longer budget waits block the job visibly instead. */
export const fetcherConfig = (
  over: Partial<FetcherConfig> & Pick<FetcherConfig, 'databaseUrl' | 'natsUrl'>,
): FetcherConfig => {
  const c: FetcherConfig = {
    ...SERVICE_DEFAULTS,
    port: 3003,
    workers: 2,
    overlapMs: 300_000,
    pageSize: 200,
    maxAttempts: 5,
    retryBaseMs: 5_000,
    writerSlots: 4,
    writerPollMs: 200,
    ...over,
    ...workerSettings(over),
    sweep: { ...DEFAULT_SWEEP, ...over.sweep },
  };
  if (!(Number.isInteger(c.workers) && c.workers >= 1)) throw new Error('workers must be an integer >= 1');
  if (!(Number.isInteger(c.pageSize) && c.pageSize >= 1 && c.pageSize <= 200))
    throw new Error('pageSize must be an integer in 1..200');
  if (!(c.sweep.maxDeleteShare > 0 && c.sweep.maxDeleteShare <= 1))
    throw new Error('sweep.maxDeleteShare must be in (0, 1]');
  return c;
};

/**
 * From the environment: the shared DATABASE_URL, NATS_URL, PORT, HOST, LOG_LEVEL and SF_NATS_*; FETCHER_WORKER_ID,
 * FETCHER_LEASE_MS, FETCHER_POLL_MS, FETCHER_TOKEN_SUBJECT; FETCHER_WORKERS, FETCHER_OVERLAP_MS, FETCHER_MAX_ATTEMPTS,
 * FETCHER_RETRY_BASE_MS, FETCHER_PAGE_SIZE, FETCHER_WRITER_SLOTS, FETCHER_WRITER_POLL_MS, FETCHER_SWEEP_MAX_SHARE, FETCHER_SWEEP_HOLD_ABOVE.
 */
export const fetcherConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): FetcherConfig =>
  fetcherConfig({
    ...serviceConfigFromEnv(env),
    ...workerSettingsFromEnv(env, 'FETCHER'),
    ...clioAccessFromEnv(env, 'FETCHER'),
    ...defined({
      workers: num(env, 'FETCHER_WORKERS'),
      overlapMs: num(env, 'FETCHER_OVERLAP_MS'),
      maxAttempts: num(env, 'FETCHER_MAX_ATTEMPTS'),
      retryBaseMs: num(env, 'FETCHER_RETRY_BASE_MS'),
      pageSize: num(env, 'FETCHER_PAGE_SIZE'),
      writerSlots: num(env, 'FETCHER_WRITER_SLOTS'),
      writerPollMs: num(env, 'FETCHER_WRITER_POLL_MS'),
    }),
    sweep: {
      ...DEFAULT_SWEEP,
      ...defined({
        maxDeleteShare: num(env, 'FETCHER_SWEEP_MAX_SHARE'),
        holdAbove: num(env, 'FETCHER_SWEEP_HOLD_ABOVE'),
      }),
      mirrorPartitions: mirrorPartitionsFromEnv(env),
    },
  });
