import { SyncTriggers } from '@sf/contracts';
import { SyncReason, type SyncPolicyConfig } from '@sf/sync-policy';
import type { CommandMeta } from './command-meta';
import type { ScopeFacts } from './policy-state';
import { decideRequest, type RequestOutcome } from './request-sync';
import type { ScopeState } from './scope-state';
import type { SyncScope } from './sync-scope';

/** Periodic check of one in-flight job. Uses `eventIds[0..1]` (SyncJobStalled, SyncJobResumed) when it restarts. */
export interface CheckStall extends CommandMeta {
  readonly scope: SyncScope;
  readonly jobId: string;
  readonly facts: ScopeFacts;
  readonly policy?: SyncPolicyConfig;
}

/**
 * Asks the policy, with the `maintenance` trigger, whether the scope's own active job `jobId` is stalled, and if
 * so restarts it from its checkpoint. Never opens a job: when the job is no longer the scope's active job (it
 * ended, or another replaced it) or the policy says anything but `stalled_restart`, nothing happens (null).
 */
export const decideStallRestart = (cmd: CheckStall, scope: ScopeState, now: Date): RequestOutcome | null => {
  if (scope.activeJob?.jobId !== cmd.jobId) return null;
  const outcome = decideRequest({ ...cmd, trigger: SyncTriggers.maintenance, requestedBy: null }, scope, now);
  return outcome.decision.reason === SyncReason.StalledRestart && outcome.jobId === cmd.jobId ? outcome : null;
};
