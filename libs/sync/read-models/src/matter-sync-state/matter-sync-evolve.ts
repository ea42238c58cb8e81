import { isAfter, normaliseInstant, type EventContext } from '../events/position';
import type { SyncJobEvent } from '../events/sync-job-events';
import {
  emptyProgress,
  MatterSyncStatus,
  progressFigures,
  type MatterKey,
  type MatterSyncProgress,
  type MatterSyncRow,
} from './matter-sync-row';

/*
 * State machine of a matter's sync state (only matter-scoped jobs; firm-scoped jobs never touch it):
 *
 *   (none) | any --SyncRequested--> syncing   (the job becomes the active job; progress resets)
 *   (none) | any --SyncJobStarted-->  syncing   (same; sets the expected entity types and the estimate)
 *   syncing --SyncJobBlocked-->   blocked   (blocked_until = when the rate-limit window reopens)
 *   syncing --SyncJobPaused-->    blocked   (paused on request: blocked_until null, waits for a resume)
 *   blocked --SyncJobResumed-->   syncing
 *   syncing|blocked --SyncJobCompleted--> idle   (last_synced_at = event time, last_error cleared)
 *   syncing|blocked --SyncJobFailed-->    error  (last_error = reason, last_error_code = code)
 *   syncing|blocked --SyncJobCancelled--> idle   (last_synced_at and last_error unchanged)
 *   SyncProgressed updates progress only.
 *
 * Events of a job that is not the matter's active job change nothing (stale or firm-wide). An event at or
 * before the row's last position changes nothing either, which makes replays idempotent.
 */

const touch = (row: MatterSyncRow, ctx: EventContext, patch: Partial<MatterSyncRow>): MatterSyncRow => ({
  ...row,
  ...patch,
  updatedAt: ctx.occurredAt,
  lastPosition: ctx.position,
});

const withProgress = (
  progress: MatterSyncProgress,
): Pick<MatterSyncRow, 'progress' | 'progressCurrent' | 'progressTotal'> => {
  const { current, total } = progressFigures(progress);
  return { progress, progressCurrent: current, progressTotal: total };
};

const activate = (
  row: MatterSyncRow | null,
  key: MatterKey,
  jobId: string,
  ctx: EventContext,
  progress: MatterSyncProgress,
): MatterSyncRow => {
  const base: MatterSyncRow = row ?? {
    ...key,
    state: MatterSyncStatus.Idle,
    activeJobId: null,
    lastSyncedAt: null,
    lastError: null,
    lastErrorCode: null,
    progressCurrent: 0,
    progressTotal: null,
    blockedUntil: null,
    progress: emptyProgress(),
    updatedAt: ctx.occurredAt,
    lastPosition: ctx.position,
  };
  return touch(base, ctx, {
    state: MatterSyncStatus.Syncing,
    activeJobId: jobId,
    blockedUntil: null,
    ...withProgress(progress),
  });
};

const evolveActiveJob = (row: MatterSyncRow, e: SyncJobEvent, ctx: EventContext): MatterSyncRow => {
  switch (e.type) {
    case 'SyncProgressed': {
      const { entityType, fetched, total } = e.data;
      const byType = { ...row.progress.byType, [entityType]: { fetched, total } };
      return touch(row, ctx, withProgress({ ...row.progress, byType }));
    }
    case 'SyncJobBlocked':
      return touch(row, ctx, { state: MatterSyncStatus.Blocked, blockedUntil: normaliseInstant(e.data.blockedUntil) });
    case 'SyncJobPaused':
      return touch(row, ctx, { state: MatterSyncStatus.Blocked, blockedUntil: null });
    case 'SyncJobResumed':
      return touch(row, ctx, { state: MatterSyncStatus.Syncing, blockedUntil: null });
    case 'SyncJobCompleted':
      return touch(row, ctx, {
        state: MatterSyncStatus.Idle,
        activeJobId: null,
        blockedUntil: null,
        lastSyncedAt: ctx.occurredAt,
        lastError: null,
        lastErrorCode: null,
      });
    case 'SyncJobFailed':
      return touch(row, ctx, {
        state: MatterSyncStatus.Error,
        activeJobId: null,
        blockedUntil: null,
        lastError: e.data.reason,
        lastErrorCode: e.data.code,
      });
    case 'SyncJobCancelled':
      return touch(row, ctx, { state: MatterSyncStatus.Idle, activeJobId: null, blockedUntil: null });
    default:
      return row;
  }
};

/**
 * The row after `e`, given the row before it (null: no row yet) and the matter the event was routed to.
 * Returns the same object when the event changes nothing, and null only when there is still no row.
 */
export const evolveMatterSync = (
  row: MatterSyncRow | null,
  key: MatterKey,
  e: SyncJobEvent,
  ctx: EventContext,
): MatterSyncRow | null => {
  if (row !== null && !isAfter(ctx.position, row.lastPosition)) return row;
  switch (e.type) {
    case 'SyncRequested':
      return e.data.scope.kind === 'matter' ? activate(row, key, e.data.jobId, ctx, emptyProgress()) : row;
    case 'SyncJobStarted': {
      if (e.data.scope.kind !== 'matter') return row;
      const { jobId, entityTypes, estimatedTotal } = e.data;
      const kept = row !== null && row.activeJobId === jobId ? row.progress.byType : {};
      return activate(row, key, jobId, ctx, { entityTypes, estimatedTotal, byType: kept });
    }
    default:
      return row !== null && row.activeJobId === e.data.jobId ? evolveActiveJob(row, e, ctx) : row;
  }
};
