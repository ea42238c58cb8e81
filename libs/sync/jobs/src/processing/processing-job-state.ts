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

/**
 * A processing job folded from its stream (`processing-job-<jobId>`). `version` is the stream version the next
 * append must expect. Outcomes are counted once per document of the snapshot (a repeated outcome event for the
 * same document, or one for a document outside the snapshot, changes nothing).
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
  readonly outcomes: ReadonlyMap<string, 'processed' | 'skipped' | 'failed'>;
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
  [EventTypes.DocumentProcessed]: 'processed',
  [EventTypes.DocumentSkipped]: 'skipped',
  [EventTypes.DocumentFailed]: 'failed',
} as const;

const evolve = (s: ProcessingJobState | null, e: SyncLogEvent): ProcessingJobState | null => {
  if (e.type === EventTypes.ProcessingJobRequested) {
    const { jobId, matterId, folderId, includeSubfolders } = e.data;
    return {
      version: 1, jobId, firmId: e.metadata.firmId, matterId, folderId, includeSubfolders, documentIds: [],
      status: ProcessingJobStatus.WaitingForSync, outcomes: new Map(),
    };
  }
  if (e.type === EventTypes.JobStarted) {
    const { jobId, matterId, folderId, documentIds } = e.data;
    return {
      version: (s?.version ?? 0) + 1, jobId, firmId: e.metadata.firmId, matterId, folderId, includeSubfolders: s?.includeSubfolders ?? false,
      documentIds, status: ProcessingJobStatus.Running, outcomes: new Map(),
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
  events.reduce<ProcessingJobState | null>(evolve, null);

export const processingJobView = (s: ProcessingJobState): ProcessingJobView => {
  const count = (o: string): number => [...s.outcomes.values()].filter((v) => v === o).length;
  const total = s.documentIds.length;
  const [processed, skipped, failed] = [count('processed'), count('skipped'), count('failed')];
  const progress = total === 0 ? 1 : (processed + skipped + failed) / total;
  return { jobId: s.jobId, matterId: s.matterId, folderId: s.folderId, status: s.status, total, processed, skipped, failed, progress };
};
