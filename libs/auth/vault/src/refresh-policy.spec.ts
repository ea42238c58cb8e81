import { DEFAULT_REFRESH_POLICY as P, dueCutoffs, isRefreshDue, isUsable } from './refresh-policy';

const now = new Date('2026-11-23T12:00:00Z');
const at = (ms: number): Date => new Date(now.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('refresh policy', () => {
  it('is not due for a young token far from expiry', () => {
    expect(isRefreshDue({ expiresAt: at(30 * 24 * HOUR), refreshedAt: at(-HOUR) }, now, P)).toBe(false);
  });

  it('is due within the skew before expiry (default 10 minutes)', () => {
    expect(isRefreshDue({ expiresAt: at(10 * MIN), refreshedAt: at(-HOUR) }, now, P)).toBe(true);
    expect(isRefreshDue({ expiresAt: at(10 * MIN + 1), refreshedAt: at(-HOUR) }, now, P)).toBe(false);
  });

  it('is due once a day whatever the expiry', () => {
    expect(isRefreshDue({ expiresAt: at(29 * 24 * HOUR), refreshedAt: at(-24 * HOUR) }, now, P)).toBe(true);
    expect(isRefreshDue({ expiresAt: at(29 * 24 * HOUR), refreshedAt: at(-24 * HOUR + 1) }, now, P)).toBe(false);
  });

  it('hands out a token only with more than a minute left', () => {
    expect(isUsable({ expiresAt: at(MIN + 1), refreshedAt: now }, now, P)).toBe(true);
    expect(isUsable({ expiresAt: at(MIN), refreshedAt: now }, now, P)).toBe(false);
  });

  it('derives the sweep cut-offs from the same numbers', () => {
    expect(dueCutoffs(now, P)).toEqual({ expiresBefore: at(10 * MIN), refreshedBefore: at(-24 * HOUR) });
  });
});
