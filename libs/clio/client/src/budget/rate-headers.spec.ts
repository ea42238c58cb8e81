import { fullJitterMs } from '../http/backoff';
import { parseRateHeaders, parseRetryAfterMs } from './rate-headers';

describe('rate headers', () => {
  it('reads X-RateLimit-* (reset in unix seconds -> epoch ms)', () => {
    expect(
      parseRateHeaders({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '1736000000' }),
    ).toEqual({
      limit: 50,
      remaining: 7,
      resetAt: 1_736_000_000_000,
    });
  });

  it('leaves out absent or unreadable values', () => {
    expect(parseRateHeaders({ 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': 'lots' })).toEqual({
      limit: undefined,
      remaining: 0,
      resetAt: undefined,
    });
    expect(parseRateHeaders({ 'x-ratelimit-limit': '0' }).limit).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfterMs({ 'retry-after': '7' }, 0)).toBe(7_000);
    expect(parseRetryAfterMs({ 'retry-after': 'Sat, 04 Jan 2025 12:00:30 GMT' }, Date.UTC(2025, 0, 4, 12))).toBe(
      30_000,
    );
    expect(parseRetryAfterMs({}, 0)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': 'soon' }, 0)).toBeUndefined();
  });
});

describe('fullJitterMs', () => {
  it('draws within [0, min(max, base * 2^(n-1)))', () => {
    expect(fullJitterMs(1, 500, 30_000, () => 0.999)).toBe(499);
    expect(fullJitterMs(3, 500, 30_000, () => 0.5)).toBe(1_000);
    expect(fullJitterMs(10, 500, 30_000, () => 0.5)).toBe(15_000);
    expect(fullJitterMs(4, 500, 30_000, () => 0)).toBe(0);
  });
});
