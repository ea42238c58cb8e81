import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ClioClientOptions, Lane, TokenProvider } from '@sf/clio-client';
import { databaseUrlFromEnv } from '@sf/db';
import type { JwtAuthConfig } from '@sf/http-auth';
import { topologyOptionsFromEnv, type TopologyOptions } from '@sf/messaging';
import { definedFields as defined, envNumber as num } from '@sf/service-kit';
import type { ProcessingStep } from './steps/processing-step';

export interface ProcessorConfig {
  databaseUrl: string;
  natsUrl: string;
  /** HTTP port of the health endpoints. Default 3004; 0 picks a free port. */
  port: number;
  /** Jobs one process runs at once. Default 1. */
  jobSlots: number;
  /** Documents of one job processed at once. Default 4. */
  concurrency: number;
  /** Identifies this process in `processing_job_work.owner`. Default `<host>:<pid>:<random>`. */
  workerId: string;
  /** Lease on a claimed job, renewed with every outcome and by a heartbeat every third of it, ms. Default 60 000. */
  leaseMs: number;
  /** Pause between claim attempts while no job is ready, ms. Default 500. */
  pollMs: number;
  /** Attempts per document before `DocumentFailed`. Default 3. */
  maxAttempts: number;
  /** First retry delay of a document, doubled per attempt, ms. Default 1 000. */
  retryBaseMs: number;
  /** Rate-budget lane of downloads. Default `backfill` (bulk work leaves the reserve to interactive use). */
  lane: Lane;
  /** Steps after the default download-and-hash step (plug-ins). Default none. */
  extraSteps?: readonly ProcessingStep[];
  topology: TopologyOptions;
  /** Subject of the auth service's access-token RPC; default `RpcSubjects.accessToken`. */
  tokenSubject?: string;
  /** Token provider replacing the NATS one (in-process tests). */
  tokens?: TokenProvider;
  client?: Pick<ClioClientOptions, 'retry' | 'maxWaitMs' | 'requestTimeoutMs' | 'reserveShare'>;
  /** pino level. Default `info`. */
  logLevel: string;
  logger?: Logger;
  /** Gateway JWT settings of the HTTP guard; default from AUTH_JWT_*. */
  jwt?: JwtAuthConfig;
  /** Listen address of the health server. Default all interfaces. */
  host?: string;
}

const defaultWorkerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export const processorConfig = (over: Partial<ProcessorConfig> & Pick<ProcessorConfig, 'databaseUrl' | 'natsUrl'>): ProcessorConfig => {
  const c: ProcessorConfig = {
    port: 3004, jobSlots: 1, concurrency: 4, workerId: defaultWorkerId(), leaseMs: 60_000, pollMs: 500, maxAttempts: 3,
    retryBaseMs: 1_000, lane: 'backfill', topology: {}, logLevel: 'info', ...over,
  };
  if (!(Number.isInteger(c.concurrency) && c.concurrency >= 1)) throw new Error('concurrency must be an integer >= 1');
  if (!(Number.isInteger(c.jobSlots) && c.jobSlots >= 1)) throw new Error('jobSlots must be an integer >= 1');
  if (!(Number.isInteger(c.maxAttempts) && c.maxAttempts >= 1)) throw new Error('maxAttempts must be an integer >= 1');
  if (!(c.leaseMs >= 1_000)) throw new Error('leaseMs must be at least 1000');
  return c;
};

const laneOf = (raw: string | undefined): Lane | undefined => {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'backfill' || raw === 'interactive' || raw === 'webhook') return raw;
  throw new Error('PROCESSOR_LANE must be backfill, interactive or webhook');
};

/**
 * From the environment: DATABASE_URL, NATS_URL, PORT, HOST, PROCESSOR_JOB_SLOTS, PROCESSOR_CONCURRENCY, PROCESSOR_WORKER_ID,
 * PROCESSOR_LEASE_MS, PROCESSOR_POLL_MS, PROCESSOR_MAX_ATTEMPTS, PROCESSOR_RETRY_BASE_MS, PROCESSOR_LANE,
 * PROCESSOR_TOKEN_SUBJECT, LOG_LEVEL, plus the SF_NATS_* topology variables.
 */
export const processorConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): ProcessorConfig =>
  processorConfig({
    databaseUrl: databaseUrlFromEnv(env),
    natsUrl: env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    ...defined({
      port: num(env, 'PORT'), jobSlots: num(env, 'PROCESSOR_JOB_SLOTS'), concurrency: num(env, 'PROCESSOR_CONCURRENCY'),
      leaseMs: num(env, 'PROCESSOR_LEASE_MS'), pollMs: num(env, 'PROCESSOR_POLL_MS'), maxAttempts: num(env, 'PROCESSOR_MAX_ATTEMPTS'),
      retryBaseMs: num(env, 'PROCESSOR_RETRY_BASE_MS'), lane: laneOf(env['PROCESSOR_LANE']), tokenSubject: env['PROCESSOR_TOKEN_SUBJECT'],
      logLevel: env['LOG_LEVEL'], workerId: env['PROCESSOR_WORKER_ID'], host: env['HOST'] || undefined,
    }),
    topology: topologyOptionsFromEnv(env),
  });
