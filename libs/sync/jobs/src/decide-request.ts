import { EventTypes, StreamTypes, streamIds, type SyncTrigger } from '@sf/contracts';
import {
  DEFAULT_SYNC_POLICY_CONFIG,
  evaluate,
  SyncAction,
  SyncReason,
  type SyncDecision,
  type SyncPolicyConfig,
} from '@sf/sync-policy';
import { makeEvent, type CommandMeta } from './command-meta';
import { DEFAULT_ONBOARDING, onboardingPlan, type OnboardingOptions } from './onboarding';
import { expectationOf, type PlannedAppend } from './planned-append';
import { policyStateFor, type ScopeFacts } from './policy-state';
import { checkResync, type RequestRejection, type ResyncRequest } from './resync';
import type { ScopeState } from './scope-state';
import type { SyncScope } from './sync-scope';

/**
 * Ask for a sync of one scope. `jobId` names the job if one is opened. Uses `eventIds[0]` (SyncRequested) or,
 * for a stalled restart, `eventIds[0..1]` (SyncJobStalled, SyncJobResumed).
 */
export interface RequestSync extends CommandMeta {
  readonly scope: SyncScope;
  readonly trigger: SyncTrigger;
  readonly requestedBy: string | null;
  readonly jobId: string;
  readonly facts: ScopeFacts;
  readonly policy?: SyncPolicyConfig;
  /** Re-sync one entity type (listed in full and swept, the others untouched); absent: a sync of the scope. */
  readonly resync?: ResyncRequest;
  /**
   * How a firm-wide initial sync runs, as the request says; what it leaves out comes from the firm's stored setting
   * (`ScopeState.onboarding`), else `DEFAULT_ONBOARDING` (phased, no recent window).
   */
  readonly onboarding?: Partial<OnboardingOptions>;
}

/**
 * The decision and what it takes to carry it out. `jobId` is the job opened or restarted, or the job that
 * already covers the scope (`already_syncing`, `blocked_until`); null otherwise.
 */
export interface RequestOutcome {
  readonly decision: SyncDecision;
  readonly jobId: string | null;
  readonly appends: readonly PlannedAppend[];
}

/** The request's onboarding options over the firm's stored setting over the defaults. */
const onboardingOf = (cmd: RequestSync, scope: ScopeState): OnboardingOptions => ({
  ...DEFAULT_ONBOARDING,
  ...scope.onboarding,
  ...Object.fromEntries(Object.entries(cmd.onboarding ?? {}).filter(([, v]) => v !== undefined)),
});

const openJob = (cmd: RequestSync, scope: ScopeState, now: Date): PlannedAppend => ({
  streamId: streamIds.syncScope(cmd.firmId, cmd.scope),
  streamType: StreamTypes.syncScope,
  expected: expectationOf(scope.version),
  events: [
    makeEvent(
      cmd,
      0,
      EventTypes.SyncRequested,
      {
        jobId: cmd.jobId,
        scope: cmd.scope,
        trigger: cmd.trigger,
        requestedBy: cmd.requestedBy,
        ...(cmd.resync === undefined ? {} : { entityTypes: [cmd.resync.entityType], fullListing: true }),
        ...onboardingPlan(cmd.scope, scope, onboardingOf(cmd, scope), cmd.resync !== undefined, now),
      },
      now,
    ),
  ],
});

/** Flags the job as stalled and restarts it from its checkpoint, at the job-stream version read (fencing). */
export const restartStalled = (cmd: CommandMeta, jobId: string, facts: ScopeFacts, now: Date): PlannedAppend => {
  const tail = facts.activeJob?.jobId === jobId ? facts.activeJob.tail : null;
  if (tail === null) throw new Error(`stalled restart of ${jobId} without its job-stream tail`);
  const lastProgressAt = tail.lastAt ?? now.getTime();
  return {
    streamId: streamIds.syncJob(jobId),
    streamType: StreamTypes.syncJob,
    expected: expectationOf(tail.version),
    events: [
      makeEvent(
        cmd,
        0,
        EventTypes.SyncJobStalled,
        {
          jobId,
          lastProgressAt: new Date(lastProgressAt).toISOString(),
          stalledForMs: Math.max(0, now.getTime() - lastProgressAt),
        },
        now,
      ),
      makeEvent(cmd, 1, EventTypes.SyncJobResumed, { jobId }, now),
    ],
  };
};

/**
 * Decides a sync request for one scope, given the scope stream's state (the only thing the append is checked
 * against) and the facts read beside it. Pure: time is `now`. A re-sync goes through `decideResync`, which checks it
 * first; an unchecked one here is a bug.
 */
export const decideRequest = (cmd: RequestSync, scope: ScopeState, now: Date): RequestOutcome => {
  if (cmd.resync !== undefined && checkResync(cmd.resync, cmd.scope) !== null)
    throw new Error('decideRequest: re-sync not checked (use decideResync)');
  const state = policyStateFor(scope, cmd.facts, now.getTime());
  const decision = evaluate(state, cmd.trigger, now.getTime(), cmd.policy ?? DEFAULT_SYNC_POLICY_CONFIG);
  if (decision.reason === SyncReason.StalledRestart) {
    const jobId = decision.metadata?.restartJobId ?? state.activeJob?.jobId;
    if (jobId === undefined) throw new Error('stalled_restart without a job to restart');
    return { decision, jobId, appends: [restartStalled(cmd, jobId, cmd.facts, now)] };
  }
  if (decision.action === SyncAction.Start) return { decision, jobId: cmd.jobId, appends: [openJob(cmd, scope, now)] };
  return { decision, jobId: decision.metadata?.activeJobId ?? null, appends: [] };
};

/**
 * Decides a re-sync of one entity type of a firm: an unknown entity type (or a matter scope) is rejected, a value
 * naming the field; otherwise the sync policy decides as for any request of the firm scope, and the job it opens
 * lists that type in full and sweeps it, leaving the other types' bookmarks and mirror rows alone. Pure.
 */
export const decideResync = (
  cmd: RequestSync & { readonly resync: ResyncRequest },
  scope: ScopeState,
  now: Date,
): RequestOutcome | RequestRejection => checkResync(cmd.resync, cmd.scope) ?? decideRequest(cmd, scope, now);
