import { EventTypes } from '@sf/contracts';
import type { SyncLogEvent } from '../sync-log-event';

export const ProcessingJobStatus = {
  /** Requested for a never-synced matter; no snapshot until its sync completes. */
  WaitingForSync: 'waiting_for_sync',
  Running: 'running',
  Completed: 'completed',
  Cancelled: 'cancelled',
} as const;
export type ProcessingJobStatus = (typeof ProcessingJobStatus)[keyof typeof ProcessingJobStatus];

const STATUSES: ReadonlySet<string> = new Set(Object.values(ProcessingJobStatus));
export const isProcessingJobStatus = (v: string): v is ProcessingJobStatus => STATUSES.has(v);

/** What became of one document of the snapshot. */
export const OutcomeKind = { processed: 'processed', skipped: 'skipped', failed: 'failed' } as const;
export type OutcomeKind = (typeof OutcomeKind)[keyof typeof OutcomeKind];

/**
 * A processing job folded from its stream (`processing-job-<jobId>`): the one fold of that stream type, used by the
 * orchestrator's deciders, the document processor's worker and the `job_snapshots` read model. `version` is the
 * stream version the next append must expect. The snapshot is frozen by the first `JobStarted`. Outcomes count once
 * per document of the snapshot: the first outcome of a document wins, and one for a document outside the snapshot
 * changes nothing. Outcomes that land after a cancellation (work in flight) still count.
 */
export interface ProcessingJobState {
  readonly version: number;
  readonly jobId: string;
  readonly firmId: string;
  readonly matterId: string;
  readonly folderId: string | null;
  /** Only meaningful while waiting: what the snapshot will take once the sync completes. */
  readonly includeSubfolders: boolean;
  /** Empty while waiting for the sync. */
  readonly documentIds: readonly string[];
  readonly status: ProcessingJobStatus;
  readonly outcomes: ReadonlyMap<string, OutcomeKind>;
}

/** What `GET /jobs/{id}` shows. `progress` is the share of the snapshot with an outcome, 0..1 (1 for an empty job). */
export interface ProcessingJobView {
  readonly jobId: string;
  readonly matterId: string;
  readonly folderId: string | null;
  readonly status: ProcessingJobStatus;
  readonly total: number;
  readonly processed: number;
  readonly skipped: number;
  readonly failed: number;
  readonly progress: number;
}

const OUTCOME = {
  [EventTypes.DocumentProcessed]: OutcomeKind.processed,
  [EventTypes.DocumentSkipped]: OutcomeKind.skipped,
  [EventTypes.DocumentFailed]: OutcomeKind.failed,
} as const;

/** The state after one event of the stream; null while the stream holds no `ProcessingJobRequested` or `JobStarted`. */
export const evolveProcessingJob = (s: ProcessingJobState | null, e: SyncLogEvent): ProcessingJobState | null => {
  if (e.type === EventTypes.ProcessingJobRequested) {
    const { jobId, matterId, folderId, includeSubfolders } = e.data;
    return {
      version: 1,
      jobId,
      firmId: e.metadata.firmId,
      matterId,
      folderId,
      includeSubfolders,
      documentIds: [],
      status: ProcessingJobStatus.WaitingForSync,
      outcomes: new Map(),
    };
  }
  if (e.type === EventTypes.JobStarted) {
    if (s !== null && s.status !== ProcessingJobStatus.WaitingForSync) return { ...s, version: s.version + 1 };
    const { jobId, matterId, folderId, documentIds } = e.data;
    return {
      version: (s?.version ?? 0) + 1,
      jobId,
      firmId: e.metadata.firmId,
      matterId,
      folderId,
      includeSubfolders: s?.includeSubfolders ?? false,
      documentIds,
      status: ProcessingJobStatus.Running,
      outcomes: new Map(),
    };
  }
  if (s === null) return null;
  const next = { ...s, version: s.version + 1 };
  switch (e.type) {
    case EventTypes.DocumentProcessed:
    case EventTypes.DocumentSkipped:
    case EventTypes.DocumentFailed: {
      const id = e.data.documentId;
      if (s.outcomes.has(id) || !s.documentIds.includes(id)) return next;
      return { ...next, outcomes: new Map(s.outcomes).set(id, OUTCOME[e.type]) };
    }
    case EventTypes.JobCompleted:
      return { ...next, status: ProcessingJobStatus.Completed };
    case EventTypes.JobCancelled:
      return { ...next, status: ProcessingJobStatus.Cancelled };
    default:
      return next;
  }
};

/** Folds a processing-job stream; null when it holds no `ProcessingJobRequested` or `JobStarted` (no such job). */
export const foldProcessingJob = (events: readonly SyncLogEvent[]): ProcessingJobState | null =>
  events.reduce<ProcessingJobState | null>(evolveProcessingJob, null);

/** Completed or cancelled: nothing more to do. */
export const isFinished = (s: ProcessingJobState | null): boolean =>
  s !== null && (s.status === ProcessingJobStatus.Completed || s.status === ProcessingJobStatus.Cancelled);

/** Snapshot documents without an outcome yet, in snapshot order (a document listed twice is pending once). */
export const pendingDocuments = (s: ProcessingJobState | null): string[] =>
  [...new Set(s?.documentIds ?? [])].filter((id) => !s?.outcomes.has(id));

/** Outcome counts over the snapshot (the counts of `JobCompleted`). */
export const countOutcomes = (s: ProcessingJobState | null): Record<OutcomeKind, number> => {
  const c = { processed: 0, skipped: 0, failed: 0 };
  for (const k of s?.outcomes.values() ?? []) c[k] += 1;
  return c;
};

export const processingJobView = (s: ProcessingJobState): ProcessingJobView => {
  const { processed, skipped, failed } = countOutcomes(s);
  const total = s.documentIds.length;
  const progress = total === 0 ? 1 : (processed + skipped + failed) / total;
  return {
    jobId: s.jobId,
    matterId: s.matterId,
    folderId: s.folderId,
    status: s.status,
    total,
    processed,
    skipped,
    failed,
    progress,
  };
};
