import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createClioClient, type ClioClientOptions, type TokenProvider } from '@sf/clio-client';
import type { Database } from '@sf/db';
import { isFinished, pendingDocuments, ProcessingJobStatus } from '@sf/sync-jobs';
import type { ProcessingStep } from '../steps/processing-step';
import { renewLease, settleWork, WorkStatus, type WorkItem } from '../work/work-queue';
import { JobWriter } from './job-writer';
import { processDocument, type RetrySettings } from './process-document';

export interface JobDeps {
  db: Kysely<Database>;
  tokens: TokenProvider;
  steps: readonly ProcessingStep[];
  workerId: string;
  leaseMs: number;
  /** Documents processed at once within a job. */
  concurrency: number;
  retry: RetrySettings;
  client?: Pick<ClioClientOptions, 'retry' | 'maxWaitMs' | 'requestTimeoutMs' | 'reserveShare'>;
  log: Logger;
}

/** Why `runJob` returned: finished (completed or found closed), or stopped (cancel, lost lease, shutdown). */
export type JobEnd = 'finished' | 'stopped';

/** Runs `n` workers over `items` in order; each stops taking items once `stop()` is true. */
const forEachLimit = async <T>(items: readonly T[], n: number, stop: () => boolean, f: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !stop()) await f(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
};

/**
 * Processes a claimed job's snapshot (`JobStarted.documentIds`, never a live folder query): documents without an
 * outcome, `concurrency` at a time, each outcome appended as it lands; then `JobCompleted`. A heartbeat keeps the
 * lease; when it is lost (cancelled, taken over) or `signal` aborts, documents in flight are abandoned unrecorded.
 */
export const runJob = async (deps: JobDeps, work: WorkItem, signal: AbortSignal): Promise<JobEnd> => {
  const writer = await JobWriter.open({ db: deps.db, jobId: work.jobId, origin: work, workerId: deps.workerId, leaseMs: deps.leaseMs });
  const started = writer.state;
  if (started === null || started.status !== ProcessingJobStatus.Running) {
    await settleWork(deps.db, work.jobId, isFinished(started) ? WorkStatus.done : WorkStatus.cancelled);
    return 'finished';
  }
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const heartbeat = setInterval(() => {
    renewLease(deps.db, work.jobId, deps.workerId, deps.leaseMs).then(
      (ok) => { if (!ok) stop.abort(); },
      (err: unknown) => deps.log.warn({ jobId: work.jobId, err: String(err) }, 'lease renewal failed'),
    );
  }, Math.max(200, Math.floor(deps.leaseMs / 3)));
  try {
    const client = createClioClient({ db: deps.db, firmId: work.firmId, tokens: deps.tokens, ...deps.client });
    const halted = (): boolean => stop.signal.aborted || writer.stopped;
    await forEachLimit(pendingDocuments(writer.state), deps.concurrency, halted, async (documentId) => {
      const doc = { firmId: work.firmId, jobId: work.jobId, matterId: started.matterId, documentId };
      const outcome = await processDocument(deps.db, deps.steps, doc, { client, signal: stop.signal }, deps.retry);
      if (outcome && !halted()) await writer.append(outcome);
    });
    if (halted()) return 'stopped';
    const done = await writer.complete();
    if (done === 'stopped' && !isFinished(writer.state)) return 'stopped';
    await settleWork(deps.db, work.jobId, WorkStatus.done);
    deps.log.info({ jobId: work.jobId, documents: started.documentIds.length }, 'processing job finished');
    return 'finished';
  } finally {
    clearInterval(heartbeat);
    signal.removeEventListener('abort', onAbort);
  }
};
