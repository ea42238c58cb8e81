import type { PageFailure } from '@sf/clio-client';
import type { NewEvent } from '@sf/contracts';
import { describeSyncError, SyncErrorCode } from '@sf/sync-policy';
import { settleLease } from '@sf/work-queue';
import { RunEnd, type JobContext } from './job-context';
import { jobEvent } from './job-events';
import { foldJob, type JobState } from '../domain/job-state';
import { readJobStream } from './job-stream';
import { appendFenced, closeJob, isClosed, type WriteRefusal } from './job-writer';
import { syncBlockedSeconds } from '@sf/metrics';

/** What a phase of a run leads to: carry on from `state`, or end the run. */
export type Step = { kind: 'ok'; state: JobState } | { kind: 'end'; end: RunEnd };

/** What a deletion check leads to: events to append (deletes, holds, flags), or a step like any phase. */
export type Verification = { kind: 'events'; events: NewEvent[] } | Step;

export const ok = (state: JobState): Step => ({ kind: 'ok', state });
export const end = (e: RunEnd): Step => ({ kind: 'end', end: e });

/** Reads the job stream and folds it. */
export const loadJob = async (ctx: Pick<JobContext, 'db' | 'work'>): Promise<JobState> =>
  foldJob(await readJobStream(ctx.db, ctx.work.jobId));

/**
 * After a fenced write was refused: a lost lease means another worker has the job; otherwise re-read the job and
 * obey it (paused or closed: park the queue row and stop; anything else, e.g. the orchestrator's stall restart:
 * continue from the new version).
 */
export const onRefusal = async (ctx: JobContext, reason: WriteRefusal): Promise<Step> => {
  if (reason === 'lost_lease') return end(RunEnd.fenced);
  if (reason === 'closed' || (await isClosed(ctx.db, ctx))) {
    await settleLease(ctx.db, ctx.lease, 'cancelled');
    return end(RunEnd.fenced);
  }
  const state = await loadJob(ctx);
  if (state.paused) {
    await settleLease(ctx.db, ctx.lease, 'paused');
    return end(RunEnd.fenced);
  }
  ctx.log.info({ jobId: ctx.work.jobId, version: state.version }, 'job stream moved; continuing from its new version');
  return ok(state);
};

/** Appends `SyncJobBlocked` and gives the job back until `until` (the job resumes by itself then). */
export const blockJob = async (
  ctx: JobContext,
  state: JobState,
  reason: string,
  until: Date,
  attempts?: number,
): Promise<Step> => {
  const event = jobEvent(ctx.origin, ctx.now(), 'SyncJobBlocked', {
    jobId: ctx.work.jobId,
    reason,
    blockedUntil: until.toISOString(),
  });
  const r = await appendFenced(ctx, state.version, [event], { release: { until, attempts } });
  if (!r.ok) return onRefusal(ctx, r.reason);
  // Counted as planned when the block starts: the job is given back and no process watches it end.
  syncBlockedSeconds.inc(Math.max(0, (until.getTime() - ctx.now().getTime()) / 1000));
  ctx.log.info({ jobId: ctx.work.jobId, blockedUntil: until.toISOString(), reason }, 'job blocked');
  return end(RunEnd.blocked);
};

/** Closes the job as failed: `SyncJobFailed` (user-facing reason from the code) on the scope stream. */
export const failJob = async (ctx: JobContext, state: JobState, code: SyncErrorCode, detail: string): Promise<Step> => {
  const scope =
    ctx.scope.kind === 'matter' ? { kind: 'matter' as const, matterId: ctx.scope.matterId } : { kind: 'firm' as const };
  const event = jobEvent(ctx.origin, ctx.now(), 'SyncJobFailed', {
    jobId: ctx.work.jobId,
    scope,
    code,
    reason: describeSyncError(code),
  });
  let s = state;
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await closeJob(ctx, s.version, [], event, detail.slice(0, 500));
    if (r.ok) {
      ctx.log.warn({ jobId: ctx.work.jobId, errorCode: code, detail }, 'job failed');
      return end(RunEnd.closed);
    }
    const next = await onRefusal(ctx, r.reason);
    if (next.kind === 'end') return next;
    s = next.state;
  }
  return end(RunEnd.fenced);
};

/**
 * A Clio failure: rate limits block until Clio's reset; a refused token fails the job at once (retrying cannot
 * help); other failures are retried later with backoff, a few times, then fail the job.
 */
export const onClioFailure = async (ctx: JobContext, state: JobState, f: PageFailure): Promise<Step> => {
  const now = ctx.now().getTime();
  switch (f.kind) {
    case 'rate_limited':
      return blockJob(
        ctx,
        state,
        'Clio rate limit reached; the sync continues when the limit resets',
        new Date(Math.max(f.retryAt, now + 1_000)),
      );
    case 'needs_reauth':
    case 'not_connected':
      return failJob(ctx, state, SyncErrorCode.AuthFailed, `${f.kind}: ${f.reason}`);
    // Outside a listing (estimates, counts, confirmations) a 403 or a refused cursor is one more failed call.
    case 'forbidden':
    case 'cursor_rejected':
    case 'failed': {
      const attempts = ctx.work.attempts + 1;
      if (attempts >= ctx.config.maxAttempts) return failJob(ctx, state, SyncErrorCode.ClioUnavailable, f.reason);
      const delay = ctx.config.retryBaseMs * 2 ** (attempts - 1);
      const reason = `Clio did not answer properly; retrying (attempt ${attempts + 1} of ${ctx.config.maxAttempts})`;
      return blockJob(ctx, state, reason, new Date(now + delay), attempts);
    }
  }
};
