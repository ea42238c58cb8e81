import { SyncPolicyConfig } from './sync-policy-config';
import { decision, SyncDecision, SyncReason } from './sync-decision';
import { ActiveJobState, ActiveSyncJob, BudgetView } from './sync-policy-state';
import { budgetBlock } from './budget-block';
import { TriggerProfile } from './trigger-profile';

/** The end of the rate-limit wait the job is in right now, or null when it is not waiting. */
export const rateLimitWaitEnd = (job: ActiveSyncJob, now: number): number | null =>
  job.state === ActiveJobState.Blocked && job.blockedUntil !== undefined && job.blockedUntil > now
    ? job.blockedUntil
    : null;

/**
 * No progress for `stallAfterMs`. Time spent waiting out a rate limit is not a stall, so the clock starts at the
 * later of the last progress and the end of the last wait.
 */
const isStalled = (job: ActiveSyncJob, now: number, config: SyncPolicyConfig): boolean =>
  now - Math.max(job.lastProgressAt, job.blockedUntil ?? job.lastProgressAt) >= config.stallAfterMs;

/**
 * A request for a scope that already has an active job never creates a second one. Only a trigger allowed to
 * restart stalled jobs may start, and then it restarts that same job from its checkpoint; and only when the budget
 * would let it run, because a job without budget is waiting, not stalled.
 */
export const activeJobDecision = (
  job: ActiveSyncJob,
  budget: BudgetView | null,
  profile: TriggerProfile,
  now: number,
  config: SyncPolicyConfig,
): SyncDecision => {
  const waitEnd = rateLimitWaitEnd(job, now);
  if (waitEnd !== null) {
    const metadata = { activeJobId: job.jobId, blockedUntil: waitEnd, retryAfterMs: waitEnd - now };
    return decision(SyncReason.BlockedUntil, metadata);
  }
  const budgetAllows = budgetBlock(budget, profile.spendsReserve, now, config) === null;
  if (profile.restartsStalled && isStalled(job, now, config) && budgetAllows) {
    return decision(SyncReason.StalledRestart, { restartJobId: job.jobId });
  }
  return decision(SyncReason.AlreadySyncing, { activeJobId: job.jobId });
};
