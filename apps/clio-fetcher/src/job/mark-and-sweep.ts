import { SyncModes, type NewEvent } from '@sf/contracts';
import { clioMirrorPartitionOf, liveCount, restoredIds, sweepCandidates, type ClioEntityType } from '@sf/clio-mirror';
import type { LogPosition } from '@sf/event-store';
import { catchUp } from '@sf/projections';
import type { JobContext } from './job-context';
import { jobEvent } from './job-events';
import { matterIdOf } from '../domain/job-plan';
import { blockJob, onClioFailure, type Verification } from './job-outcomes';
import type { EntityProgress, JobState } from '../domain/job-state';
import { breakerHolds, chunks } from '../domain/sweep-policy';
import { confirmIds } from './confirm-ids';
import { detectDeletes } from './delete-detection';

/** The user-facing reason of a job blocked because the mirror has not caught up with its listing yet. */
export const MIRROR_BEHIND =
  'Waiting for the mirror to store the records fetched before checking them for deletions; the sync continues by itself';

/** Events a deletion check wants appended (none when it found nothing to record), or the end of the run. */

const events = (list: NewEvent[]): Verification => ({ kind: 'events', events: list });

/**
 * Brings the mirror up to `until` (the job's last event of the listing checked; by this process or the projection
 * runner, whichever holds the projection's lock), so the deletion check compares Clio with what this job has
 * fetched. False on timeout.
 */
export const catchUpMirror = async (ctx: JobContext, until: LogPosition | null): Promise<boolean> => {
  if (until === null) return true;
  const started = Date.now();
  try {
    // Small batches: a page event carries up to 200 records.
    // Only the partition holding this firm's rows (every partition when the mirror is not partitioned).
    const mirror = clioMirrorPartitionOf(ctx.work.firmId, ctx.config.sweep.mirrorPartitions);
    await catchUp(ctx.db, mirror, {
      until,
      timeoutMs: ctx.config.sweep.catchUpTimeoutMs,
      batchSize: 50,
    });
    const waitedMs = Date.now() - started;
    if (waitedMs >= 1_000)
      ctx.log.info({ jobId: ctx.work.jobId, waitedMs }, 'waited for the mirror before a deletion check');
    return true;
  } catch (err) {
    ctx.log.warn(
      { jobId: ctx.work.jobId, err: String(err) },
      'mirror did not catch up; the job waits before its deletion check',
    );
    return false;
  }
};

/**
 * Mark-and-sweep after a COMPLETE listing: mirror rows of the scope that the listing did not touch (and that no
 * other job wrote meanwhile) are candidates; Clio confirms each by id; the confirmed ones are soft-deleted unless
 * the circuit breaker holds the sweep for review. Records that came back from soft-deleted are reported.
 */
const markAndSweep = async (
  ctx: JobContext,
  state: JobState,
  e: ClioEntityType,
  p: EntityProgress,
): Promise<Verification> => {
  const firmId = ctx.work.firmId;
  const jobId = ctx.work.jobId;
  const matterId = matterIdOf(ctx.scope);
  const candidates = await sweepCandidates(ctx.db, e, firmId, matterId, p.listingStart);
  const live = await liveCount(ctx.db, e, firmId, matterId);
  const base = {
    jobId,
    ...(matterId === null ? {} : { matterId }),
    entityType: e,
    listed: p.fetched,
    mode: SyncModes.full,
  };
  if (breakerHolds(candidates.length, live, ctx.config.sweep)) {
    ctx.log.warn(
      { jobId, entityType: e, candidates: candidates.length, live },
      'sweep held for review (circuit breaker)',
    );
    return events([
      jobEvent(ctx.origin, ctx.now(), 'RecordsSwept', {
        ...base,
        softDeletedIds: [],
        restoredIds: [],
        heldForReview: true,
        heldIds: candidates,
      }),
    ]);
  }
  const confirmed = await confirmIds(ctx, e, candidates);
  if (!confirmed.ok) return onClioFailure(ctx, state, confirmed);
  const { alive, goneIds } = confirmed.value;
  const restored = await restoredIds(ctx.db, e, firmId, jobId, matterId);
  ctx.log.info(
    {
      jobId,
      entityType: e,
      listed: p.fetched,
      softDeleted: goneIds.length,
      restored: restored.length,
      kept: alive.length,
    },
    'swept',
  );
  return events([
    ...chunks(alive, 200).map((records) =>
      jobEvent(ctx.origin, ctx.now(), 'ClioRecordsFetched', { jobId, entityType: e, records, mode: SyncModes.full }),
    ),
    jobEvent(ctx.origin, ctx.now(), 'RecordsSwept', {
      ...base,
      softDeletedIds: goneIds,
      restoredIds: restored,
      heldForReview: false,
    }),
  ]);
};

/**
 * The deletion check of a listed entity type: mark-and-sweep after a full listing, a count comparison (and a
 * search for the missing records) after an incremental one, since `updated_since` never shows hard deletes.
 */
export const verifyEntity = async (
  ctx: JobContext,
  state: JobState,
  e: ClioEntityType,
  until: LogPosition | null = state.lastPosition,
): Promise<Verification> => {
  const p = state.progress[e];
  if (!p || !p.complete || p.swept) return events([]);
  // Never complete without the check (the mirror would keep records Clio deleted): wait visibly, then try again.
  if (!(await catchUpMirror(ctx, until)))
    return blockJob(ctx, state, MIRROR_BEHIND, new Date(ctx.now().getTime() + ctx.config.sweep.catchUpRetryMs));
  return p.mode === 'full' ? markAndSweep(ctx, state, e, p) : detectDeletes(ctx, state, e);
};
