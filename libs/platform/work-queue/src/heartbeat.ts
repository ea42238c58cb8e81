import type { Logger } from 'pino';
import type { Executor } from '@sf/db';
import type { WorkQueueTables } from './schema/work-queue.tables';
import { renewLease } from './lease';
import type { Lease } from './work-item';

/**
 * Renews `lease` every `renewEveryMs` (at most a third of `leaseMs`), so phases without writes (a long rate-limit wait, a slow download) keep
 * the job. Aborts `lost` once a renewal finds the lease gone; a failed renewal (an outage) is only logged, since the
 * lease outlives two missed beats. Returns the function that stops it.
 */
export const startHeartbeat = <DB extends WorkQueueTables>(
  db: Executor<DB>,
  lease: Lease,
  leaseMs: number,
  renewEveryMs: number,
  lost: AbortController,
  log: Logger,
): (() => void) => {
  const timer = setInterval(() => {
    renewLease(db, lease, leaseMs).then(
      (held) => {
        if (!held) lost.abort();
      },
      (err: unknown) =>
        log.warn({ jobId: lease.jobId, queue: lease.queue, err: String(err) }, 'lease heartbeat failed'),
    );
  }, renewEveryMs);
  return () => clearInterval(timer);
};
