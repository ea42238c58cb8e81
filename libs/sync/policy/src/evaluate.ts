import type { SyncTrigger } from '@sf/contracts';
import { activeJobDecision } from './active-job';
import { connectionBlock } from './connection-gate';
import { manualCooldown } from './cooldown';
import { budgetBlock } from './rate-budget';
import { DEFAULT_SYNC_POLICY_CONFIG, SyncPolicyConfig } from './sync-policy-config';
import { decision, SyncDecision, SyncReason } from './sync-decision';
import { SyncPolicyState } from './sync-policy-state';
import { TRIGGER_PROFILES } from './trigger-profile';

/**
 * Decides what to do with a sync request. Pure: same inputs, same decision; `now` is epoch ms.
 *
 * Checks, first match wins:
 * 1. connection not usable                → block `needs_reauth` / `connection_revoked` / `connection_missing`
 * 2. a job already covers the scope       → block `blocked_until` (waiting out a rate limit),
 *                                           start `stalled_restart` (maintenance, stalled, budget available),
 *                                           else skip `already_syncing`
 * 3. first-sync-only trigger, synced once → skip `already_synced`
 * 4. nothing to sync                      → skip `nothing_to_sync`
 * 5. manual inside the cooldown           → block `cooldown`, unless the data is stale (`stale_bypass`)
 * 6. rate budget                          → block `rate_budget_exhausted` / `rate_budget_reserved`
 * 7. otherwise                            → start `ok` (or `stale_bypass` when step 5 let it through)
 */
export const evaluate = (
  state: SyncPolicyState,
  trigger: SyncTrigger,
  now: number,
  config: SyncPolicyConfig = DEFAULT_SYNC_POLICY_CONFIG,
): SyncDecision => {
  const profile = TRIGGER_PROFILES[trigger];
  const connection = connectionBlock(state.connection.status);
  if (connection !== null) return connection;
  if (state.activeJob !== null) return activeJobDecision(state.activeJob, state.budget, profile, now, config);
  if (profile.onlyIfNeverSynced && state.lastSyncedAt !== null) return decision(SyncReason.AlreadySynced);
  if (!state.hasSomethingToSync) return decision(SyncReason.NothingToSync);

  const cooldown = profile.hasCooldown ? manualCooldown(state, now, config) : { kind: 'clear' as const };
  if (cooldown.kind === 'active') {
    return decision(SyncReason.Cooldown, { cooldownMs: cooldown.remainingMs, retryAfterMs: cooldown.remainingMs });
  }
  return (
    budgetBlock(state.budget, profile.spendsReserve, now, config) ??
    decision(cooldown.kind === 'bypassed' ? SyncReason.StaleBypass : SyncReason.Ok)
  );
};
