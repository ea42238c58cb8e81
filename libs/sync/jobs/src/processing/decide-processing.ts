import { EventTypes, StreamTypes, streamIds } from '@sf/contracts';
import { makeEvent, type CommandMeta } from '../command-meta';
import type { Expectation, PlannedAppend } from '../planned-append';
import type { ProcessingJobState } from './processing-job-state';

/** What the orchestrator knows about a matter when someone asks to process one of its folders. */
export interface ProcessingFacts {
  /** The matter's scope or the firm's scope has an active sync job. */
  readonly syncing: boolean;
  /** A sync of the matter's scope or the firm's scope has completed at least once. */
  readonly everSynced: boolean;
}

/**
 * Whether a processing job may start now: refused while a sync runs (the mirror is changing under the count),
 * a sync first when the matter was never synced (trigger `process_click`), else start over a frozen snapshot.
 */
export type ProcessingGate =
  | { readonly action: 'refuse'; readonly reason: 'sync_in_progress' }
  | { readonly action: 'sync_first' }
  | { readonly action: 'start' };

export const gateProcessing = (f: ProcessingFacts): ProcessingGate => {
  if (f.syncing) return { action: 'refuse', reason: 'sync_in_progress' };
  if (!f.everSynced) return { action: 'sync_first' };
  return { action: 'start' };
};

export interface StartProcessingJob {
  readonly jobId: string;
  readonly matterId: string;
  readonly folderId: string | null;
  /** The live, non-deleted documents of the folder at decision time: frozen into the job. */
  readonly documentIds: readonly string[];
  readonly meta: CommandMeta;
}

/**
 * `JobStarted`: on a new stream (`no_stream`, one job per id whatever retries do), or after the job's
 * `ProcessingJobRequested` at the version read (so two starters of a waiting job cannot both start it). One event id.
 */
export const decideStartProcessing = (
  c: StartProcessingJob,
  now: Date,
  expected: Expectation = 'no_stream',
): PlannedAppend => ({
  streamId: streamIds.processingJob(c.jobId),
  streamType: StreamTypes.processingJob,
  expected,
  events: [
    makeEvent(
      c.meta,
      0,
      EventTypes.JobStarted,
      {
        jobId: c.jobId,
        matterId: c.matterId,
        folderId: c.folderId,
        documentIds: [...c.documentIds],
      },
      now,
    ),
  ],
});

export interface RequestProcessingJob {
  readonly jobId: string;
  readonly matterId: string;
  readonly folderId: string | null;
  readonly includeSubfolders: boolean;
  /** The `process_click` sync the job waits for. */
  readonly syncJobId: string;
  readonly meta: CommandMeta;
}

/** `ProcessingJobRequested` on a new stream: the job waits for its sync. Uses one event id. */
export const decideRequestProcessing = (c: RequestProcessingJob, now: Date): PlannedAppend => ({
  streamId: streamIds.processingJob(c.jobId),
  streamType: StreamTypes.processingJob,
  expected: 'no_stream',
  events: [
    makeEvent(
      c.meta,
      0,
      EventTypes.ProcessingJobRequested,
      {
        jobId: c.jobId,
        matterId: c.matterId,
        folderId: c.folderId,
        includeSubfolders: c.includeSubfolders,
        syncJobId: c.syncJobId,
      },
      now,
    ),
  ],
});

export type CancelProcessingOutcome =
  | { readonly ok: true; readonly append: PlannedAppend }
  | { readonly ok: false; readonly reason: 'not_found' | 'already_finished' };

/**
 * `JobCancelled` of a running or waiting job at the version read, so a worker's outcome or completion appended meanwhile makes the cancel
 * conflict and be decided again. Another firm's job is `not_found`. Uses one event id.
 */
export const decideCancelProcessing = (
  s: ProcessingJobState | null,
  c: { readonly reason: string; readonly meta: CommandMeta },
  now: Date,
): CancelProcessingOutcome => {
  if (s === null || s.firmId !== c.meta.firmId) return { ok: false, reason: 'not_found' };
  if (s.status === 'completed' || s.status === 'cancelled') return { ok: false, reason: 'already_finished' };
  return {
    ok: true,
    append: {
      streamId: streamIds.processingJob(s.jobId),
      streamType: StreamTypes.processingJob,
      expected: s.version,
      events: [makeEvent(c.meta, 0, EventTypes.JobCancelled, { jobId: s.jobId, reason: c.reason }, now)],
    },
  };
};
