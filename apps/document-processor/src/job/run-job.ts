import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createClioClient, type ClioClientOptions, type TokenProvider } from '@sf/clio-client';
import { isFinished, pendingDocuments, ProcessingJobStatus } from '@sf/sync-jobs';
import type { ProcessingStep } from '../steps/processing-step';
import { settleLease, WorkEnd, WorkStatus, type Claim } from '@sf/work-queue';
import type { ProcessingJobPayload } from '../work/processing-job-queue';
import { JobWriter } from './job-writer';
import { processDocument, type RetrySettings } from './process-document';
import type { ProcessorDb } from '../schema/processor-schema';

export interface JobDeps {
  db: Kysely<ProcessorDb>;
  tokens: TokenProvider;
  steps: readonly ProcessingStep[];
  /** Lease length, renewed with every append. */
  leaseMs: number;
  /** Documents processed at once within a job. */
  concurrency: number;
  retry: RetrySettings;
  client?: Pick<ClioClientOptions, 'retry' | 'maxWaitMs' | 'requestTimeoutMs' | 'reserveShare'>;
  log: Logger;
}

/** Runs `n` workers over `items` in order; each stops taking items once `stop()` is true. */
const forEachLimit = async <T>(
  items: readonly T[],
  n: number,
  stop: () => boolean,
  f: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !stop()) await f(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
};

/**
 * Processes a claimed job's snapshot (`JobStarted.documentIds`, never a live folder query): documents without an
 * outcome, `concurrency` at a time, each outcome appended as it lands; then `JobCompleted`. `stop` aborts when the
 * lease is lost (cancelled, taken over) or the process stops: documents in flight are then abandoned unrecorded.
 */
export const runJob = async (
  deps: JobDeps,
  { item: work, lease }: Claim<ProcessingJobPayload>,
  stop: AbortSignal,
): Promise<WorkEnd> => {
  const writer = await JobWriter.open({ db: deps.db, jobId: work.jobId, origin: work, lease, leaseMs: deps.leaseMs });
  const started = writer.state;
  if (started === null || started.status !== ProcessingJobStatus.Running) {
    await settleLease(deps.db, lease, isFinished(started) ? WorkStatus.done : WorkStatus.cancelled);
    return WorkEnd.ended;
  }
  const client = createClioClient({ db: deps.db, firmId: work.firmId, tokens: deps.tokens, ...deps.client });
  const halted = (): boolean => stop.aborted || writer.stopped;
  await forEachLimit(pendingDocuments(writer.state), deps.concurrency, halted, async (documentId) => {
    const doc = { firmId: work.firmId, jobId: work.jobId, matterId: started.matterId, documentId };
    const outcome = await processDocument(deps.db, deps.steps, doc, { client, signal: stop }, deps.retry);
    if (outcome && !halted()) await writer.append(outcome);
  });
  // Stopped (cancelled, lease lost, shutting down) with documents left: whatever lease is left goes back at once.
  if (halted()) return WorkEnd.interrupted;
  const done = await writer.complete();
  if (done === 'stopped' && !isFinished(writer.state)) return WorkEnd.interrupted;
  await settleLease(deps.db, lease, WorkStatus.done);
  deps.log.info({ jobId: work.jobId, documents: started.documentIds.length }, 'processing job finished');
  return WorkEnd.ended;
};
