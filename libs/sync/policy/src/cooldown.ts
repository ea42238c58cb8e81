import { SyncPolicyConfig } from './sync-policy-config';
import { SyncPolicyState } from './sync-policy-state';

export type CooldownVerdict =
  | { readonly kind: 'clear' }
  | { readonly kind: 'bypassed' }
  | { readonly kind: 'active'; readonly remainingMs: number };

/** Never synced, or synced longer than `staleAfterMs` ago. */
const isStale = (lastSyncedAt: number | null, now: number, config: SyncPolicyConfig): boolean =>
  lastSyncedAt === null || now - lastSyncedAt >= config.staleAfterMs;

/**
 * Where a manual request stands against the cooldown. Stale data bypasses it: the cooldown protects the rate budget
 * from impatient clicking, not from a person whose data is a day old or whose last attempt failed.
 */
export const manualCooldown = (
  state: Pick<SyncPolicyState, 'lastManualRequestAt' | 'lastSyncedAt'>,
  now: number,
  config: SyncPolicyConfig,
): CooldownVerdict => {
  if (state.lastManualRequestAt === null) return { kind: 'clear' };
  // Capped at the full cooldown so a request stamped in the future (clock skew between replicas) cannot lock longer.
  const remainingMs = Math.min(config.manualCooldownMs, state.lastManualRequestAt + config.manualCooldownMs - now);
  if (remainingMs <= 0) return { kind: 'clear' };
  return isStale(state.lastSyncedAt, now, config) ? { kind: 'bypassed' } : { kind: 'active', remainingMs };
};
