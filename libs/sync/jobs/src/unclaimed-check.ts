import { EventTypes, StreamTypes, streamIds } from '@sf/contracts';
import { SyncErrorCode } from '@sf/sync-policy';
import { makeEvent, type CommandMeta } from './command-meta';
import type { JobTail } from './job-tail';
import { expectationOf, type PlannedAppend } from './planned-append';
import type { ScopeState } from './scope-state';
import type { SyncScope } from './sync-scope';

/** Periodic check of one requested job. Uses `eventIds[0..1]` (SyncJobFailed, SyncJobPaused) when it fails it. */
export interface CheckUnclaimed extends CommandMeta {
  readonly scope: SyncScope;
  readonly jobId: string;
  /** The job stream's tail, read fresh: version 0 = no worker has started the job. */
  readonly tail: JobTail;
  /** A requested job no worker started within this long is failed, ms. */
  readonly unclaimedAfterMs: number;
}

/** Reason of the failure, shown to the user as is. */
export const unclaimedReason = (afterMs: number): string =>
  `No sync worker started the job within ${Math.round(afterMs / 1000)} s. Request the sync again`;

/**
 * A job the scope opened (`SyncRequested`) that no worker started within `unclaimedAfterMs` (an outage swallowed
 * the request, or no fetcher runs) is failed with the `stalled` code and a reason the user can act on, so it never
 * stays `requested` for ever and the scope is free for a new request. In the same transaction a `SyncJobPaused` at
 * `no_stream` fences a worker that would start it late (its first append conflicts). Null: nothing to do (the job
 * ended, was replaced, was started, or is younger than the threshold). Pure: time is `now`.
 */
export const decideUnclaimed = (cmd: CheckUnclaimed, scope: ScopeState, now: Date): PlannedAppend[] | null => {
  const job = scope.activeJob;
  if (job?.jobId !== cmd.jobId || cmd.tail.version > 0) return null;
  if (now.getTime() - job.requestedAt < cmd.unclaimedAfterMs) return null;
  const failed = makeEvent(
    cmd,
    0,
    EventTypes.SyncJobFailed,
    { jobId: cmd.jobId, scope: cmd.scope, code: SyncErrorCode.Stalled, reason: unclaimedReason(cmd.unclaimedAfterMs) },
    now,
  );
  const fence = makeEvent(cmd, 1, EventTypes.SyncJobPaused, { jobId: cmd.jobId, reason: 'unclaimed' }, now);
  return [
    {
      streamId: streamIds.syncScope(cmd.firmId, cmd.scope),
      streamType: StreamTypes.syncScope,
      expected: expectationOf(scope.version),
      events: [failed],
    },
    { streamId: streamIds.syncJob(cmd.jobId), streamType: StreamTypes.syncJob, expected: 'no_stream', events: [fence] },
  ];
};
