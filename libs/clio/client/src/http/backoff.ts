/**
 * Exponential backoff with full jitter: a random wait in [0, min(maxMs, baseMs * 2^(retry-1))). `retry` counts
 * from 1. Full jitter spreads retries of many workers hit by the same outage instead of synchronising them.
 */
export function fullJitterMs(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
