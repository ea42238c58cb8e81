import { EventTypes, StreamTypes, streamIds } from '@sf/contracts';
import { makeEvent, type CommandMeta } from './command-meta';
import { isPausedTail, type JobTail } from './job-tail';
import { expectationOf, type PlannedAppend } from './planned-append';
import type { ScopeState } from './scope-state';
import { SyncJobState } from './sync-job-state';
import type { SyncScope } from './sync-scope';

/** Operator and user controls of one job. Wire names (HTTP paths, CLI verbs). */
export const JobControl = { Stop: 'stop', Resume: 'resume', Cancel: 'cancel', Reset: 'reset' } as const;
export type JobControl = (typeof JobControl)[keyof typeof JobControl];

/**
 * Stop (pause), resume, cancel or reset one job of `scope`. `tail` is the job stream's tail, read fresh. Uses at
 * most `eventIds[0..2]`.
 */
export interface ControlJob extends CommandMeta {
  readonly control: JobControl;
  readonly jobId: string;
  readonly scope: SyncScope;
  readonly reason: string;
  readonly requestedBy: string | null;
  readonly tail: JobTail;
}

export const ControlRefusal = {
  /** The job is not the active job of its scope any more (completed, failed or cancelled). */
  NotActive: 'not_active',
  AlreadyPaused: 'already_paused',
  NotPaused: 'not_paused',
} as const;
export type ControlRefusal = (typeof ControlRefusal)[keyof typeof ControlRefusal];

export type ControlOutcome =
  /** `state`: the job's state once the appends commit (a reset of an ended job leaves it as it was: null). */
  | { readonly ok: true; readonly appends: readonly PlannedAppend[]; readonly state: SyncJobState | null }
  | { readonly ok: false; readonly reason: ControlRefusal };

/** Reason recorded on the fencing pause of a cancelled job. */
export const CANCELLED_PAUSE_REASON = 'cancelled';

const jobAppend = (cmd: ControlJob, events: PlannedAppend['events']): PlannedAppend => ({
  streamId: streamIds.syncJob(cmd.jobId),
  streamType: StreamTypes.syncJob,
  expected: expectationOf(cmd.tail.version),
  events,
});

const scopeAppend = (cmd: ControlJob, scope: ScopeState, events: PlannedAppend['events']): PlannedAppend => ({
  streamId: streamIds.syncScope(cmd.firmId, cmd.scope),
  streamType: StreamTypes.syncScope,
  expected: expectationOf(scope.version),
  events,
});

/**
 * Cancels: `SyncJobCancelled` closes the job in its scope stream; in the same transaction a `SyncJobPaused` moves
 * the job stream (unless already paused), so a worker still fetching gets a version conflict at its next append.
 */
const cancelAppends = (
  cmd: ControlJob,
  scope: ScopeState,
  now: Date,
  extra: PlannedAppend['events'],
): PlannedAppend[] => {
  const cancelled = makeEvent(
    cmd,
    0,
    EventTypes.SyncJobCancelled,
    { jobId: cmd.jobId, scope: cmd.scope, reason: cmd.reason },
    now,
  );
  const fence = isPausedTail(cmd.tail)
    ? []
    : [
        jobAppend(cmd, [
          makeEvent(cmd, 1, EventTypes.SyncJobPaused, { jobId: cmd.jobId, reason: CANCELLED_PAUSE_REASON }, now),
        ]),
      ];
  return [scopeAppend(cmd, scope, [cancelled, ...extra]), ...fence];
};

const bookmarksReset = (cmd: ControlJob, now: Date) =>
  makeEvent(
    cmd,
    2,
    EventTypes.SyncBookmarksReset,
    { jobId: cmd.jobId, scope: cmd.scope, requestedBy: cmd.requestedBy },
    now,
  );

/** Decides a control of one job against its scope stream's state. Pure: time is `now`. */
export const decideControl = (cmd: ControlJob, scope: ScopeState, now: Date): ControlOutcome => {
  const active = scope.activeJob?.jobId === cmd.jobId;
  const paused = isPausedTail(cmd.tail);
  switch (cmd.control) {
    case JobControl.Stop:
      if (!active) return { ok: false, reason: ControlRefusal.NotActive };
      if (paused) return { ok: false, reason: ControlRefusal.AlreadyPaused };
      return {
        ok: true,
        state: SyncJobState.Paused,
        appends: [
          jobAppend(cmd, [makeEvent(cmd, 0, EventTypes.SyncJobPaused, { jobId: cmd.jobId, reason: cmd.reason }, now)]),
        ],
      };
    case JobControl.Resume:
      if (!active) return { ok: false, reason: ControlRefusal.NotActive };
      if (!paused) return { ok: false, reason: ControlRefusal.NotPaused };
      return {
        ok: true,
        state: SyncJobState.Running,
        appends: [jobAppend(cmd, [makeEvent(cmd, 0, EventTypes.SyncJobResumed, { jobId: cmd.jobId }, now)])],
      };
    case JobControl.Cancel:
      if (!active) return { ok: false, reason: ControlRefusal.NotActive };
      return { ok: true, state: SyncJobState.Cancelled, appends: cancelAppends(cmd, scope, now, []) };
    case JobControl.Reset:
      if (!active) return { ok: true, state: null, appends: [scopeAppend(cmd, scope, [bookmarksReset(cmd, now)])] };
      return {
        ok: true,
        state: SyncJobState.Cancelled,
        appends: cancelAppends(cmd, scope, now, [bookmarksReset(cmd, now)]),
      };
  }
};
