/** When the vault refreshes an access token, and when it still hands out the one it has. */
export interface RefreshPolicy {
  /** Refresh when the access token expires within this many ms. Default 10 minutes. */
  skewMs: number;
  /**
   * Refresh when the tokens were obtained longer ago than this, whatever their expiry, so that a revoked grant is
   * noticed within a day even though Manage tokens last 30 days. Default 24 hours.
   */
  maxAgeMs: number;
  /** Never hand out a token with less than this left, even when a refresh failed. Default 60 s. */
  minValidityMs: number;
  /** After a transient refresh failure, keep serving a still-valid token this long before trying again. Default 30 s. */
  retryAfterMs: number;
}

export const DEFAULT_REFRESH_POLICY: Readonly<RefreshPolicy> = {
  skewMs: 10 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
  minValidityMs: 60_000,
  retryAfterMs: 30_000,
};

export interface TokenTimes {
  expiresAt: Date;
  refreshedAt: Date;
}

/** True when the token is close to expiry or older than the maximum age. */
export const isRefreshDue = (t: TokenTimes, now: Date, p: RefreshPolicy): boolean =>
  t.expiresAt.getTime() - p.skewMs <= now.getTime() || t.refreshedAt.getTime() + p.maxAgeMs <= now.getTime();

/** True when the token may still be handed out. */
export const isUsable = (t: TokenTimes, now: Date, p: RefreshPolicy): boolean =>
  t.expiresAt.getTime() - p.minValidityMs > now.getTime();

/** Cut-offs for the proactive sweep: rows expiring before `expiresBefore` or refreshed before `refreshedBefore`. */
export const dueCutoffs = (now: Date, p: RefreshPolicy): { expiresBefore: Date; refreshedBefore: Date } => ({
  expiresBefore: new Date(now.getTime() + p.skewMs),
  refreshedBefore: new Date(now.getTime() - p.maxAgeMs),
});
