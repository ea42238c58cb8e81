/** Per-token rate limiting (D-RL). `false` in the simulator options turns it off entirely. */
export interface RateLimitOptions {
  /** Requests per access token per window; the peak-hours limit when `offPeakLimit` is set. Default 50 (D-RL). */
  limit?: number;
  /**
   * Requests per window outside the region's peak hours (see `PEAK_HOURS`). Clio does not publish it; a vendor
   * reports 300. Default: unset, meaning `limit` applies at all hours.
   */
  offPeakLimit?: number;
  /** Window length in seconds. Default 60 (D-RL). */
  windowSeconds?: number;
  /**
   * Application-wide limit in requests per second across all of an app's tokens. Default: unset (Clio Manage has
   * none documented; the Platform API's 3/s per app is a different product). An app's own `requestsPerSecond` wins.
   */
  perAppPerSecond?: number;
}

export interface ResolvedRateLimit {
  limit: number;
  offPeakLimit: number | undefined;
  windowSeconds: number;
  perAppPerSecond: number | undefined;
}

export const resolveRateLimit = (o: RateLimitOptions = {}): ResolvedRateLimit => ({
  limit: o.limit ?? 50,
  offPeakLimit: o.offPeakLimit,
  windowSeconds: o.windowSeconds ?? 60,
  perAppPerSecond: o.perAppPerSecond,
});

/** The chosen 429 body. Clio documents only the `{error:{type,message}}` shape (Clio's OpenAPI), not these values. */
export const rateLimitedMessage = (retryAfterSeconds: number): string =>
  `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds.`;
