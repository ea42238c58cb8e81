/** Requests counted in the current window of one key (an access token or an app). */
export interface WindowState {
  /** Epoch ms at which the window opened; windows are aligned to multiples of their length since the epoch. */
  windowStart: number;
  count: number;
}

export interface WindowDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in this window after this one. */
  remaining: number;
  /** Epoch ms at which the window closes. */
  resetAtMs: number;
  /** Whole seconds until the window closes, at least 1; meaningful when refused. */
  retryAfterSeconds: number;
  /** The state to keep if the request is let through. */
  next: WindowState;
}

/**
 * Fixed, epoch-aligned windows (like Rack::Attack, which Rails apps such as Clio commonly use): simple to reason about
 * and to drive with a manual clock. A refused request does not count against the window.
 */
export const decideWindow = (
  state: WindowState | undefined,
  now: number,
  limit: number,
  windowMs: number,
): WindowDecision => {
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const used = state && state.windowStart === windowStart ? state.count : 0;
  const resetAtMs = windowStart + windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((resetAtMs - now) / 1000));
  const allowed = used < limit;
  const count = allowed ? used + 1 : used;
  return {
    allowed,
    limit,
    remaining: Math.max(0, limit - count),
    resetAtMs,
    retryAfterSeconds,
    next: { windowStart, count },
  };
};
