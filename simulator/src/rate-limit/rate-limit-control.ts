import { resolveRateLimit, type RateLimitOptions, type ResolvedRateLimit } from './rate-limit-options';
import { RateLimiter } from './rate-limiter';

/** The per-region limiters plus the on/off switch the control API flips. */
export class RateLimitControl {
  private readonly limiters = new Map<string, RateLimiter>();
  enabled: boolean;
  private settings: ResolvedRateLimit;

  constructor(
    regions: readonly string[],
    private readonly initial: RateLimitOptions | false | undefined,
  ) {
    this.enabled = initial !== false;
    this.settings = resolveRateLimit(initial || {});
    for (const r of regions) this.limiters.set(r, new RateLimiter(this.settings, r));
  }

  /** The region's limiter, or undefined while rate limiting is off. */
  limiter(region: string): RateLimiter | undefined {
    return this.enabled ? this.limiters.get(region) : undefined;
  }

  get current(): ResolvedRateLimit & { enabled: boolean } {
    return { ...this.settings, enabled: this.enabled };
  }

  /** Changes limits at run time; counts already made in the current windows are kept. */
  configure(change: RateLimitOptions & { enabled?: boolean }): void {
    const { enabled, ...limits } = change;
    if (enabled !== undefined) this.enabled = enabled;
    const given = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) as RateLimitOptions;
    this.settings = resolveRateLimit({ ...this.settings, ...given });
    for (const l of this.limiters.values()) l.configure(this.settings);
  }

  reset(): void {
    this.enabled = this.initial !== false;
    this.settings = resolveRateLimit(this.initial || {});
    for (const l of this.limiters.values()) {
      l.configure(this.settings);
      l.reset();
    }
  }
}
