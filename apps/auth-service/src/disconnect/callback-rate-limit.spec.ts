import { FixedWindowLimit } from './callback-rate-limit';

describe('FixedWindowLimit', () => {
  it('lets `limit` requests through per window and says when the next window starts', () => {
    const l = new FixedWindowLimit(3, 60_000);
    const t0 = 1_200_000; // a window boundary
    expect([l.take(t0), l.take(t0 + 1), l.take(t0 + 2)]).toEqual([null, null, null]);
    expect(l.take(t0 + 15_000)).toBe(45);
    expect(l.take(t0 + 59_999)).toBe(1);
    expect(l.take(t0 + 60_000)).toBeNull();
  });
});
