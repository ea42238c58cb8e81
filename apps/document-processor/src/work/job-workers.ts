import { startWorkerPool, type WorkerPool, type WorkerSettings } from '@sf/work-queue';
import { runJob, type JobDeps } from '../job/run-job';
import { processingJobQueue } from './processing-job-queue';

/**
 * `slots` job slots over the processing-jobs queue. A stop aborts running jobs (documents in flight are not
 * recorded) and gives their leases back; a lost lease (cancelled, taken over) aborts the job the same way.
 */
export const startJobWorkers = (
  deps: Omit<JobDeps, 'leaseMs'> & { settings: WorkerSettings; slots: number },
): WorkerPool =>
  startWorkerPool({
    db: deps.db,
    queue: processingJobQueue,
    settings: deps.settings,
    slots: deps.slots,
    log: deps.log,
    run: (claim, signals) =>
      runJob({ ...deps, leaseMs: deps.settings.leaseMs }, claim, AbortSignal.any([signals.stopping, signals.lost])),
  });
