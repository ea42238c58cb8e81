import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { definedFields, envNumber } from '@sf/service-kit';

/** How a service's workers take jobs from its queue. */
export interface WorkerSettings {
  /** Identifies this process in the queue's `owner` column. Default `<host>:<pid>:<random>`. */
  workerId: string;
  /**
   * Lease on a claimed job, ms: how long a killed worker's job waits before another replica takes it over.
   * Renewed with every write and by a heartbeat every `renewEveryMs`. Default 8 000, so a killed worker's job
   * is running again elsewhere within 10 s (lease + a claim poll).
   */
  leaseMs: number;
  /** Heartbeat period, ms; at most a third of the lease, so two missed beats never lose it. Default 2 500. */
  renewEveryMs: number;
  /** Pause between claim attempts while no job is ready, ms. Default 500. */
  pollMs: number;
}

const defaultWorkerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export const DEFAULT_LEASE_MS = 8_000;
export const DEFAULT_RENEW_EVERY_MS = 2_500;

/** Defaults for every field `over` leaves out. */
export const workerSettings = (over: Partial<WorkerSettings> = {}): WorkerSettings => {
  const leaseMs = over.leaseMs ?? DEFAULT_LEASE_MS;
  const s: WorkerSettings = {
    workerId: over.workerId ?? defaultWorkerId(),
    leaseMs,
    renewEveryMs: over.renewEveryMs ?? Math.min(DEFAULT_RENEW_EVERY_MS, Math.floor(leaseMs / 3)),
    pollMs: over.pollMs ?? 500,
  };
  if (!(s.leaseMs >= 1_000)) throw new Error('leaseMs must be at least 1000');
  if (!(s.renewEveryMs >= 100 && s.renewEveryMs * 3 <= s.leaseMs))
    throw new Error('renewEveryMs must be at least 100 and at most a third of leaseMs');
  return s;
};

/**
 * `<PREFIX>_WORKER_ID`, `<PREFIX>_LEASE_MS`, `<PREFIX>_RENEW_MS`, `<PREFIX>_POLL_MS`; only the ones set (spread over
 * the defaults).
 */
export const workerSettingsFromEnv = (env: NodeJS.ProcessEnv, prefix: string): Partial<WorkerSettings> =>
  definedFields({
    workerId: env[`${prefix}_WORKER_ID`] || undefined,
    leaseMs: envNumber(env, `${prefix}_LEASE_MS`),
    renewEveryMs: envNumber(env, `${prefix}_RENEW_MS`),
    pollMs: envNumber(env, `${prefix}_POLL_MS`),
  });
