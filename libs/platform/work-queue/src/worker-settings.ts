import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { definedFields, envNumber } from '@sf/service-kit';

/** How a service's workers take jobs from its queue. */
export interface WorkerSettings {
  /** Identifies this process in the queue's `owner` column. Default `<host>:<pid>:<random>`. */
  workerId: string;
  /** Lease on a claimed job, renewed with every write and by a heartbeat every third of it, ms. Default 60 000. */
  leaseMs: number;
  /** Pause between claim attempts while no job is ready, ms. Default 500. */
  pollMs: number;
}

const defaultWorkerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Defaults for every field `over` leaves out. */
export const workerSettings = (over: Partial<WorkerSettings> = {}): WorkerSettings => {
  const s: WorkerSettings = {
    workerId: over.workerId ?? defaultWorkerId(),
    leaseMs: over.leaseMs ?? 60_000,
    pollMs: over.pollMs ?? 500,
  };
  if (!(s.leaseMs >= 1_000)) throw new Error('leaseMs must be at least 1000');
  return s;
};

/** `<PREFIX>_WORKER_ID`, `<PREFIX>_LEASE_MS`, `<PREFIX>_POLL_MS`; only the ones set (spread over the defaults). */
export const workerSettingsFromEnv = (env: NodeJS.ProcessEnv, prefix: string): Partial<WorkerSettings> =>
  definedFields({
    workerId: env[`${prefix}_WORKER_ID`] || undefined,
    leaseMs: envNumber(env, `${prefix}_LEASE_MS`),
    pollMs: envNumber(env, `${prefix}_POLL_MS`),
  });
