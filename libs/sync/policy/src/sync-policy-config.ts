import { BACKFILL_RESERVE_SHARE } from '@sf/contracts';

/** Share of Clio's rate limit that backfill work leaves to other work (defined once, in the contracts). */
export { BACKFILL_RESERVE_SHARE };

/** Tunables of the sync policy. All durations are milliseconds. */
export interface SyncPolicyConfig {
  /**
   * Minimum time between two manual syncs of the same scope, counted from the last manual request that started
   * a sync. Default 60 000 (60 s).
   */
  readonly manualCooldownMs: number;
  /**
   * Data last synced this long ago (or never) is stale: a manual sync may then bypass the cooldown, so a person is
   * never told to wait for data that is a day old or whose last attempt failed. Default 86 400 000 (24 h).
   */
  readonly staleAfterMs: number;
  /**
   * Share (0 ≤ x < 1) of the rate budget's `limit` kept for interactive and webhook-driven work; backfill triggers
   * (first login, schedule, maintenance) cannot spend it. Rounded up to whole requests. Default `BACKFILL_RESERVE_SHARE`.
   */
  readonly reserveShare: number;
  /**
   * Requests that must be left in Clio's current window (above the reserve, for backfills) to start a sync;
   * fewer and the request is blocked until the window resets. Default 5 (one-tenth of Clio's 50/min peak).
   */
  readonly minRemainingToStart: number;
  /**
   * A running job with no progress for this long, while budget is available and it is not waiting out a rate
   * limit, is stalled: a `maintenance` trigger restarts it from its checkpoint. Default 300 000 (5 min: a healthy
   * job appends a page every few seconds; the 30-minute stalled-sync alert of the onboarding guide stays an alert).
   */
  readonly stallAfterMs: number;
}

export const DEFAULT_SYNC_POLICY_CONFIG: SyncPolicyConfig = Object.freeze({
  manualCooldownMs: 60_000,
  staleAfterMs: 24 * 60 * 60_000,
  reserveShare: BACKFILL_RESERVE_SHARE,
  minRemainingToStart: 5,
  stallAfterMs: 5 * 60_000,
});

const isNonNegativeInteger = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Defaults with overrides applied, validated. A bad value is a deployment bug, so it throws (RangeError) at startup
 * rather than producing odd decisions later.
 */
export const syncPolicyConfig = (overrides: Partial<SyncPolicyConfig> = {}): SyncPolicyConfig => {
  const config = { ...DEFAULT_SYNC_POLICY_CONFIG, ...overrides };
  const integerFields = ['manualCooldownMs', 'staleAfterMs', 'minRemainingToStart', 'stallAfterMs'] as const;
  for (const field of integerFields) {
    if (!isNonNegativeInteger(config[field])) {
      throw new RangeError(`SyncPolicyConfig.${field} must be a non-negative integer, got ${config[field]}`);
    }
  }
  if (!(config.reserveShare >= 0 && config.reserveShare < 1)) {
    throw new RangeError(`SyncPolicyConfig.reserveShare must be in [0, 1), got ${config.reserveShare}`);
  }
  return Object.freeze(config);
};
