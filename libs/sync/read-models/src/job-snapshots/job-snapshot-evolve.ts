import { evolveProcessingJob, processingJobView, type ProcessingJobState } from '@sf/sync-jobs';
import { isAfter, type EventContext } from '../events/position';
import type { ProcessingJobEvent } from '../events/processing-job-events';
import type { JobSnapshotRow } from './job-snapshot-row';

/*
 * The row is the processing-job fold of @sf/sync-jobs (`evolveProcessingJob`, the same rules as the deciders and
 * the worker), plus when it was created and last changed: JobStarted creates it; each document counts once, with
 * its first outcome, also after a cancellation (in-flight work still lands); JobCompleted -> completed,
 * JobCancelled -> cancelled. An event at or before the row's last position, or from another firm, changes nothing
 * (replays are no-ops).
 */

const stateOf = (row: JobSnapshotRow): ProcessingJobState => ({
  version: 0,
  jobId: row.jobId,
  firmId: row.firmId,
  matterId: row.matterId,
  folderId: row.folderId,
  includeSubfolders: false,
  documentIds: row.documentIds,
  status: row.status,
  outcomes: new Map(Object.entries(row.outcomes)),
});

const rowOf = (s: ProcessingJobState, ctx: EventContext, createdAt: string): JobSnapshotRow => {
  const { total, processed, skipped, failed } = processingJobView(s);
  return {
    jobId: s.jobId,
    firmId: s.firmId,
    matterId: s.matterId,
    folderId: s.folderId,
    documentIds: [...s.documentIds],
    status: s.status,
    outcomes: Object.fromEntries(s.outcomes),
    total,
    processed,
    skipped,
    failed,
    createdAt,
    updatedAt: ctx.occurredAt,
    lastPosition: ctx.position,
  };
};

/** The row after `e`; the same object when nothing changes, null while the job has no row. */
export const evolveJobSnapshot = (
  row: JobSnapshotRow | null,
  e: ProcessingJobEvent,
  ctx: EventContext,
): JobSnapshotRow | null => {
  if (row === null) {
    const started = e.type === 'JobStarted' ? evolveProcessingJob(null, e) : null;
    return started === null ? null : rowOf(started, ctx, ctx.occurredAt);
  }
  if (e.type === 'JobStarted' || row.firmId !== ctx.firmId || !isAfter(ctx.position, row.lastPosition)) return row;
  const next = evolveProcessingJob(stateOf(row), e);
  return next === null ? row : rowOf(next, ctx, row.createdAt);
};
