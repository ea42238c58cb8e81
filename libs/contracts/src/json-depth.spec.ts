import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth';

const nested = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

describe('exceedsJsonDepth', () => {
  it('accepts scalars and shallow values', () => {
    expect(exceedsJsonDepth(1)).toBe(false);
    expect(exceedsJsonDepth(null)).toBe(false);
    expect(exceedsJsonDepth({ a: [1, { b: 2 }] })).toBe(false);
  });

  it('counts objects and arrays up to the limit', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(exceedsJsonDepth([[[1]]], 2)).toBe(true);
  });

  it('refuses 10,000 levels without overflowing the stack', () => {
    expect(exceedsJsonDepth(nested(10_000))).toBe(true);
  });
});
