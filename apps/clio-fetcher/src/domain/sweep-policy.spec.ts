import { breakerHolds, chunks, splitPoint } from './sweep-policy';

const cfg = { maxDeleteShare: 0.5, holdAbove: 5 };

describe('breakerHolds', () => {
  it.each([
    [0, 0, false],
    [5, 5, false], // a handful of deletions always passes
    [6, 10, true],
    [6, 12, false], // exactly half is not more than half
    [7, 12, true],
    [100, 1000, false],
    [501, 1000, true],
  ])('%i deletes of %i live records: held=%s', (deletes, live, held) => {
    expect(breakerHolds(deletes, live, cfg)).toBe(held);
  });
});

describe('chunks', () => {
  it('splits in order, the last chunk shorter', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
  });
});

describe('splitPoint', () => {
  it('splits half a second before the median so no whole-second record sits on the boundary', () => {
    expect(splitPoint('2026-01-01T00:00:10.000Z', null)).toBe('2026-01-01T00:00:09.500Z');
    expect(splitPoint('2026-01-01T00:00:10.000Z', '2026-01-01T00:00:05.000Z')).toBe('2026-01-01T00:00:09.500Z');
  });

  it('refuses a split that would not shrink the range', () => {
    expect(splitPoint('2026-01-01T00:00:10.000Z', '2026-01-01T00:00:09.500Z')).toBeNull();
    expect(splitPoint('2026-01-01T00:00:10.000Z', '2026-01-01T00:00:10.000Z')).toBeNull();
  });
});
