import { isAfter, type EventContext } from '../events/position';
import type { ProcessingJobEvent } from '../events/processing-job-events';
import { ProcessingJobStatus, type JobSnapshotRow } from './job-snapshot-row';

/*
 * JobStarted creates the row (status running, total = number of frozen documents). Each DocumentProcessed /
 * DocumentSkipped / DocumentFailed adds one to its count, also after a cancellation (in-flight work still lands).
 * JobCompleted -> completed, with the job's own final counts; JobCancelled -> cancelled.
 * An event at or before the row's last position, or from another firm, changes nothing (replays are no-ops).
 */

const touch = (row: JobSnapshotRow, ctx: EventContext, patch: Partial<JobSnapshotRow>): JobSnapshotRow => ({
  ...row,
  ...patch,
  updatedAt: ctx.occurredAt,
  lastPosition: ctx.position,
});

/** The row after `e`; the same object when nothing changes, null while the job has no row. */
export const evolveJobSnapshot = (
  row: JobSnapshotRow | null,
  e: ProcessingJobEvent,
  ctx: EventContext,
): JobSnapshotRow | null => {
  if (e.type === 'JobStarted') {
    if (row !== null) return row;
    const { jobId, matterId, folderId, documentIds } = e.data;
    return {
      jobId, firmId: ctx.firmId, matterId, folderId, documentIds: [...documentIds],
      status: ProcessingJobStatus.Running, total: documentIds.length, processed: 0, skipped: 0, failed: 0,
      createdAt: ctx.occurredAt, updatedAt: ctx.occurredAt, lastPosition: ctx.position,
    };
  }
  if (row === null || row.firmId !== ctx.firmId || !isAfter(ctx.position, row.lastPosition)) return row;
  switch (e.type) {
    case 'DocumentProcessed':
      return touch(row, ctx, { processed: row.processed + 1 });
    case 'DocumentSkipped':
      return touch(row, ctx, { skipped: row.skipped + 1 });
    case 'DocumentFailed':
      return touch(row, ctx, { failed: row.failed + 1 });
    case 'JobCompleted':
      const { processed, skipped, failed } = e.data;
      return touch(row, ctx, { status: ProcessingJobStatus.Completed, processed, skipped, failed });
    case 'JobCancelled':
      return touch(row, ctx, { status: ProcessingJobStatus.Cancelled });
  }
};
