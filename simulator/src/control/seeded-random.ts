/** A deterministic random source in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: tiny, fast and good enough for simulations. The same seed always yields the same sequence, so fault
 * plans and the activity generator replay identically in tests.
 */
export const seededRandom = (seed: number): Random => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Picks an index with probability proportional to its weight; weights must not all be zero. */
export const pickWeighted = (rng: Random, weights: readonly number[]): number => {
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (total <= 0) throw new Error('pickWeighted: all weights are zero');
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= Math.max(0, weights[i]);
    if (r < 0) return i;
  }
  return weights.length - 1;
};
