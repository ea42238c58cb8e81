import type { Logger } from 'pino';
import { withLogContext } from '@sf/logging';
import { runJob, type JobDeps } from '../job/run-job';
import { claimWork, releaseWork } from '../work/work-queue';
import { abortableSleep } from './abortable-sleep';

export interface JobWorkers {
  /** Jobs running right now. */
  active(): number;
  /** Stops claiming, aborts running jobs (documents in flight are not recorded) and gives their leases back. */
  stop(): Promise<void>;
}

/** Starts `slots` claim loops; each claims one job at a time and polls every `pollMs` while none is ready. */
export const startJobWorkers = (deps: JobDeps & { slots: number; pollMs: number; log: Logger }): JobWorkers => {
  const stopping = new AbortController();
  let running = 0;
  const loop = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      const work = await claimWork(deps.db, deps.workerId, deps.leaseMs).catch((err: unknown) => {
        deps.log.warn({ err: String(err) }, 'claim failed');
        return null;
      });
      if (!work) {
        await abortableSleep(deps.pollMs, stopping.signal);
        continue;
      }
      running++;
      try {
        const end = await withLogContext({ correlationId: work.correlationId }, () => runJob(deps, work, stopping.signal));
        if (end === 'stopped') await releaseWork(deps.db, work.jobId, deps.workerId);
      } catch (err) {
        // An outage or a bug: give the job back; it is claimed again (and resumed) after the poll delay.
        deps.log.error({ jobId: work.jobId, err: String(err) }, 'processing job attempt failed');
        await releaseWork(deps.db, work.jobId, deps.workerId).catch(() => undefined);
        await abortableSleep(deps.pollMs, stopping.signal);
      } finally {
        running--;
      }
    }
  };
  const loops = Array.from({ length: deps.slots }, loop);
  return {
    active: () => running,
    stop: async () => {
      stopping.abort();
      await Promise.all(loops);
    },
  };
};
