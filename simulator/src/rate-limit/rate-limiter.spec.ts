import { decideWindow } from './fixed-window';
import { isPeak } from './peak-schedule';
import { RateLimiter } from './rate-limiter';
import { resolveRateLimit } from './rate-limit-options';

// Monday 2025-01-06 20:00 UTC = 12:00 Pacific (US peak), Saturday 2025-01-04 20:00 UTC (off-peak everywhere).
const MON_NOON_PT = Date.UTC(2025, 0, 6, 20);
const SATURDAY = Date.UTC(2025, 0, 4, 20);

describe('decideWindow', () => {
  it('counts within an epoch-aligned window and reports reset and retry-after', () => {
    const t = Date.UTC(2025, 0, 6, 12, 0, 15);
    let s = decideWindow(undefined, t, 2, 60_000);
    expect(s).toMatchObject({ allowed: true, remaining: 1, resetAtMs: Date.UTC(2025, 0, 6, 12, 1) });
    s = decideWindow(s.next, t, 2, 60_000);
    expect(s).toMatchObject({ allowed: true, remaining: 0 });
    const refused = decideWindow(s.next, t + 500, 2, 60_000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 45 });
    expect(decideWindow(refused.next, Date.UTC(2025, 0, 6, 12, 1), 2, 60_000)).toMatchObject({
      allowed: true,
      remaining: 1,
    });
  });

  it('never reports a Retry-After below one second', () => {
    const t = Date.UTC(2025, 0, 6, 12, 0, 59, 999);
    expect(decideWindow({ windowStart: Date.UTC(2025, 0, 6, 12), count: 1 }, t, 1, 60_000).retryAfterSeconds).toBe(1);
  });
});

describe('isPeak', () => {
  it("follows each region's local business hours on weekdays", () => {
    expect(isPeak('us', MON_NOON_PT)).toBe(true);
    expect(isPeak('us', Date.UTC(2025, 0, 6, 3, 30))).toBe(false); // 19:30 Sunday Pacific
    expect(isPeak('eu', Date.UTC(2025, 0, 6, 21, 59))).toBe(true);
    expect(isPeak('eu', Date.UTC(2025, 0, 6, 22, 0))).toBe(false);
    expect(isPeak('au', Date.UTC(2025, 0, 6, 20))).toBe(true); // Tue 07:00 AEDT
    expect(isPeak('us', SATURDAY)).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('uses the off-peak limit only when configured and outside peak hours', () => {
    const rl = new RateLimiter(resolveRateLimit({ limit: 50, offPeakLimit: 300 }), 'us');
    expect(rl.currentLimit(MON_NOON_PT)).toBe(50);
    expect(rl.currentLimit(SATURDAY)).toBe(300);
    expect(new RateLimiter(resolveRateLimit(), 'us').currentLimit(SATURDAY)).toBe(50);
  });

  it('limits tokens independently', () => {
    const rl = new RateLimiter(resolveRateLimit({ limit: 1 }), 'us');
    expect(rl.check({ token: 'a', clientId: 'c' }, MON_NOON_PT).allowed).toBe(true);
    expect(rl.check({ token: 'a', clientId: 'c' }, MON_NOON_PT)).toMatchObject({ allowed: false, refusedBy: 'token' });
    expect(rl.check({ token: 'b', clientId: 'c' }, MON_NOON_PT).allowed).toBe(true);
  });

  it('applies a per-app per-second limit across tokens without charging refused requests', () => {
    const rl = new RateLimiter(resolveRateLimit({ limit: 50, perAppPerSecond: 2 }), 'us');
    const t = MON_NOON_PT + 100;
    expect(rl.check({ token: 'a', clientId: 'c' }, t).allowed).toBe(true);
    expect(rl.check({ token: 'b', clientId: 'c' }, t).allowed).toBe(true);
    const refused = rl.check({ token: 'a', clientId: 'c' }, t);
    expect(refused).toMatchObject({ allowed: false, refusedBy: 'app', retryAfterSeconds: 1, remaining: 49 });
    expect(rl.check({ token: 'a', clientId: 'other' }, t).allowed).toBe(true);
    expect(rl.check({ token: 'a', clientId: 'c' }, t + 1000)).toMatchObject({ allowed: true, remaining: 47 });
  });
});
