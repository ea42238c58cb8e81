import { decideWindow, type WindowState } from './fixed-window';
import { isPeak } from './peak-schedule';
import type { ResolvedRateLimit } from './rate-limit-options';

export interface RateCheck {
  allowed: boolean;
  /** Per-token figures, for the X-RateLimit-* headers on every response. */
  limit: number;
  remaining: number;
  /** Unix seconds at which the token's window closes. */
  resetAt: number;
  /** Seconds to wait, when refused. */
  retryAfterSeconds: number;
  /** Which limit refused the request. */
  refusedBy?: 'token' | 'app';
}

/** Counts requests per access token (60 s windows) and optionally per app (1 s windows). Time is passed in. */
export class RateLimiter {
  private readonly tokens = new Map<string, WindowState>();
  private readonly apps = new Map<string, WindowState>();

  constructor(
    private config: ResolvedRateLimit,
    private readonly region: string,
  ) {}

  configure(config: ResolvedRateLimit): void {
    this.config = config;
  }

  get settings(): ResolvedRateLimit {
    return this.config;
  }

  /** The limit in force at `now`: off-peak only when configured and outside the region's peak hours. */
  currentLimit(now: number): number {
    const { limit, offPeakLimit } = this.config;
    return offPeakLimit !== undefined && !isPeak(this.region, now) ? offPeakLimit : limit;
  }

  check(input: { token: string; clientId: string; appPerSecond?: number }, now: number): RateCheck {
    const tokenDecision = decideWindow(
      this.tokens.get(input.token),
      now,
      this.currentLimit(now),
      this.config.windowSeconds * 1000,
    );
    const perSecond = input.appPerSecond ?? this.config.perAppPerSecond;
    const appDecision =
      perSecond === undefined ? undefined : decideWindow(this.apps.get(input.clientId), now, perSecond, 1000);
    const allowed = tokenDecision.allowed && (appDecision?.allowed ?? true);
    if (allowed) {
      this.tokens.set(input.token, tokenDecision.next);
      if (appDecision) this.apps.set(input.clientId, appDecision.next);
    }
    const refusedBy = !tokenDecision.allowed ? 'token' : appDecision && !appDecision.allowed ? 'app' : undefined;
    // Refused requests are not counted, so the committed count is one less when the app limit refused.
    const committed = tokenDecision.next.count - (tokenDecision.allowed && !allowed ? 1 : 0);
    return {
      allowed,
      limit: tokenDecision.limit,
      remaining: Math.max(0, tokenDecision.limit - committed),
      resetAt: Math.floor(tokenDecision.resetAtMs / 1000),
      retryAfterSeconds:
        refusedBy === 'app' && appDecision ? appDecision.retryAfterSeconds : tokenDecision.retryAfterSeconds,
      refusedBy,
    };
  }

  /** The token's figures at `now` without counting a request (headers of a response the limiter did not admit). */
  peek(token: string, now: number): Pick<RateCheck, 'limit' | 'remaining' | 'resetAt'> {
    const d = decideWindow(this.tokens.get(token), now, this.currentLimit(now), this.config.windowSeconds * 1000);
    return {
      limit: d.limit,
      remaining: Math.max(0, d.remaining + (d.allowed ? 1 : 0)),
      resetAt: Math.floor(d.resetAtMs / 1000),
    };
  }

  reset(): void {
    this.tokens.clear();
    this.apps.clear();
  }
}
