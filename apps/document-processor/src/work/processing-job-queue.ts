import { workQueue } from '@sf/work-queue';

/** A processing job needs nothing beyond the queue's own fields: its documents are in its `JobStarted`. */
export type ProcessingJobPayload = Record<string, never>;

/**
 * The processor's queue of processing jobs: queued by the `JobStarted` consumer, cancelled by the `JobCancelled`
 * one, claimed by the job workers.
 */
export const processingJobQueue = workQueue<ProcessingJobPayload>('processing-jobs', () => ({}));
