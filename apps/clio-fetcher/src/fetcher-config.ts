import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { databaseUrlFromEnv } from '@sf/db';
import { topologyOptionsFromEnv, type TopologyOptions } from '@sf/messaging';
import { definedFields as defined, envNumber as num } from '@sf/service-kit';
import type { Logger } from 'pino';
import type { ClioClientOptions, TokenProvider } from '@sf/clio-client';
import type { JwtAuthConfig } from '@sf/http-auth';

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
}

export interface FetcherConfig {
  databaseUrl: string;
  natsUrl: string;
  /** HTTP port of the health endpoints. Default 3003; 0 picks a free port. */
  port: number;
  /** Jobs one process runs at once. Default 2. */
  workers: number;
  /** Identifies this process in the work table's `owner` column. Default `<host>:<pid>:<random>`. */
  workerId: string;
  /** Lease on a claimed job, renewed with every page and by a heartbeat every third of it, ms. Default 60 000. */
  leaseMs: number;
  /** Pause between claim attempts while no job is ready, ms. Default 500. */
  pollMs: number;
  /** Incremental listings start this long before the previous job's start (clock skew, slow commits), ms. Default 300 000. */
  overlapMs: number;
  /** Records per page, 1..200. Default 200. */
  pageSize: number;
  /** Failed attempts (Clio errors, crashes) without progress before the job fails. Default 5. */
  maxAttempts: number;
  /** First retry delay after a failed attempt, doubled per attempt, ms. Default 5 000. */
  retryBaseMs: number;
  sweep: SweepConfig;
  topology: TopologyOptions;
  /** Subject of the auth service's access-token RPC; default `RpcSubjects.accessToken` (tests use a unique one). */
  tokenSubject?: string;
  /** Token provider replacing the NATS one (in-process tests). */
  tokens?: TokenProvider;
  /** Clio client options; `maxWaitMs` defaults to 20 000 (longer budget waits block the job visibly instead). */
  client?: Pick<ClioClientOptions, 'retry' | 'maxWaitMs' | 'requestTimeoutMs' | 'reserveShare'>;
  /** pino level. Default `info`. */
  logLevel: string;
  /** Logger replacing the default (pino to stdout at `logLevel`). */
  logger?: Logger;
  /** Gateway JWT settings of the HTTP guard; default from AUTH_JWT_* (health routes are public either way). */
  jwt?: JwtAuthConfig;
  /** Listen address of the health server. Default all interfaces. */
  host?: string;
  /** The fetcher's clock (event and job times); default the system clock. Tests skew it against Clio's. */
  now?: () => Date;
}

export const DEFAULT_SWEEP: SweepConfig = { maxDeleteShare: 0.5, holdAbove: 5, confirmBatch: 100, maxProbes: 200, catchUpTimeoutMs: 60_000 };

const defaultWorkerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export const fetcherConfig = (over: Partial<FetcherConfig> & Pick<FetcherConfig, 'databaseUrl' | 'natsUrl'>): FetcherConfig => {
  const c: FetcherConfig = {
    port: 3003, workers: 2, workerId: defaultWorkerId(), leaseMs: 60_000, pollMs: 500, overlapMs: 300_000, pageSize: 200,
    maxAttempts: 5, retryBaseMs: 5_000, topology: {}, logLevel: 'info', ...over, sweep: { ...DEFAULT_SWEEP, ...over.sweep },
  };
  if (!(Number.isInteger(c.workers) && c.workers >= 1)) throw new Error('workers must be an integer >= 1');
  if (!(Number.isInteger(c.pageSize) && c.pageSize >= 1 && c.pageSize <= 200)) throw new Error('pageSize must be an integer in 1..200');
  if (!(c.leaseMs >= 1_000)) throw new Error('leaseMs must be at least 1000');
  if (!(c.sweep.maxDeleteShare > 0 && c.sweep.maxDeleteShare <= 1)) throw new Error('sweep.maxDeleteShare must be in (0, 1]');
  return c;
};

/**
 * From the environment: DATABASE_URL, NATS_URL, PORT, HOST, FETCHER_WORKERS, FETCHER_WORKER_ID, FETCHER_LEASE_MS, FETCHER_POLL_MS,
 * FETCHER_OVERLAP_MS, FETCHER_MAX_ATTEMPTS, FETCHER_RETRY_BASE_MS, FETCHER_SWEEP_MAX_SHARE, FETCHER_SWEEP_HOLD_ABOVE,
 * FETCHER_TOKEN_SUBJECT, LOG_LEVEL, plus the SF_NATS_* topology variables.
 */
export const fetcherConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): FetcherConfig =>
  fetcherConfig({
    databaseUrl: databaseUrlFromEnv(env),
    natsUrl: env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    ...defined({
      port: num(env, 'PORT'), workers: num(env, 'FETCHER_WORKERS'), leaseMs: num(env, 'FETCHER_LEASE_MS'),
      pollMs: num(env, 'FETCHER_POLL_MS'), overlapMs: num(env, 'FETCHER_OVERLAP_MS'), maxAttempts: num(env, 'FETCHER_MAX_ATTEMPTS'),
      retryBaseMs: num(env, 'FETCHER_RETRY_BASE_MS'), tokenSubject: env['FETCHER_TOKEN_SUBJECT'], logLevel: env['LOG_LEVEL'],
      workerId: env['FETCHER_WORKER_ID'], host: env['HOST'] || undefined,
    }),
    sweep: { ...DEFAULT_SWEEP, ...defined({ maxDeleteShare: num(env, 'FETCHER_SWEEP_MAX_SHARE'), holdAbove: num(env, 'FETCHER_SWEEP_HOLD_ABOVE') }) },
    topology: topologyOptionsFromEnv(env),
  });
