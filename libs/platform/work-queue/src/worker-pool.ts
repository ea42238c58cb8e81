import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { withLogContext } from '@sf/logging';
import { startHeartbeat } from './heartbeat';
import { releaseLease } from './lease';
import { retryThroughOutage } from './retry-through-outage';
import type { Claim } from './work-item';
import type { WorkQueue } from './work-queue';
import type { WorkerSettings } from './worker-settings';
import type { WorkQueueTables } from './schema/work-queue.tables';
import { registerQueueGauge } from './queue-gauge';
import { startWorkRetention, type WorkRetention } from './work-retention';

/** What a run of a claimed job may watch. */
export interface RunSignals {
  /** The process is stopping: wind down (finish or abandon the unit in flight) and return `interrupted`. */
  stopping: AbortSignal;
  /** A heartbeat found the lease gone (taken over, paused, cancelled): stop without writing. */
  lost: AbortSignal;
}

/**
 * How a run ended. `interrupted`: the job is not finished and its lease is given back at once, so another worker
 * resumes it. `ended`: the run settled, released or lost the job itself; nothing is left to give back.
 */
export const WorkEnd = { ended: 'ended', interrupted: 'interrupted' } as const;
export type WorkEnd = (typeof WorkEnd)[keyof typeof WorkEnd];

export interface WorkerPoolOptions<P, DB extends WorkQueueTables = WorkQueueTables> {
  db: Kysely<DB>;
  queue: WorkQueue<P>;
  /** Who claims, for how long, how often; `pollMs` is also the pause after a crashed run. */
  settings: WorkerSettings;
  /** Jobs run at once. */
  slots: number;
  log: Logger;
  /** Runs a claimed job. A throw is a crash (a bug or an outage): logged, and the lease given back at once. */
  run(claim: Claim<P>, signals: RunSignals): Promise<WorkEnd>;
  /** How long the queue's finished rows are kept (pruned hourly by every pool; see `pruneFinishedWork`). */
  retention?: WorkRetention;
}

export interface WorkerPool {
  /** Jobs running right now. */
  active(): number;
  /** Stops claiming, signals running jobs to stop, waits for them and gives back the leases they still hold. */
  stop(): Promise<void>;
}

const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  sleep(ms, undefined, { signal }).catch(() => undefined);

/** `slots` claim loops over one queue: claim → run with a heartbeat → give back what the run left held → claim again. */
export const startWorkerPool = <P, DB extends WorkQueueTables>(o: WorkerPoolOptions<P, DB>): WorkerPool => {
  const { workerId, leaseMs, renewEveryMs, pollMs } = o.settings;
  // Giving a lease back is retried for as long as the lease lasts; after that another worker may have it anyway.
  const giveBack = (claim: Claim<P>): Promise<boolean> =>
    retryThroughOutage(() => releaseLease(o.db, claim.lease, { until: null }), { everyMs: pollMs, forMs: leaseMs });
  const stopping = new AbortController();
  let running = 0;
  const unregisterGauge = registerQueueGauge(o.db, o.queue.name);
  const retention = startWorkRetention(o.db, o.queue.name, o.retention ?? {}, (err) =>
    o.log.warn({ queue: o.queue.name, err: String(err) }, 'pruning finished work failed; the next pass tries again'),
  );

  const runClaimed = async (claim: Claim<P>): Promise<void> => {
    const lost = new AbortController();
    const stopBeat = startHeartbeat(o.db, claim.lease, leaseMs, renewEveryMs, lost, o.log);
    try {
      // Every log line of the run carries the job's correlation id.
      const end = await withLogContext({ correlationId: claim.item.correlationId }, () =>
        o.run(claim, { stopping: stopping.signal, lost: lost.signal }),
      );
      if (end === WorkEnd.interrupted) await giveBack(claim);
    } catch (err) {
      o.log.error(
        { jobId: claim.lease.jobId, queue: o.queue.name, err: String(err) },
        'job run crashed; lease given back',
      );
      await giveBack(claim).catch(() => false);
      await pause(pollMs, stopping.signal);
    } finally {
      stopBeat();
    }
  };

  const loop = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      const claim = await o.queue.claim(o.db, workerId, leaseMs).catch((err: unknown) => {
        o.log.warn({ queue: o.queue.name, err: String(err) }, 'claim failed');
        return null;
      });
      if (claim === null) {
        await pause(pollMs, stopping.signal);
        continue;
      }
      running += 1;
      try {
        await runClaimed(claim);
      } finally {
        running -= 1;
      }
    }
  };

  const loops = Array.from({ length: o.slots }, loop);
  return {
    active: () => running,
    stop: async () => {
      unregisterGauge();
      stopping.abort();
      await Promise.all([...loops, retention.stop()]);
    },
  };
};
