/**
 * How long the writer leaves a record alone after a transient failure (network, 5xx, 429 without a usable
 * Retry-After): exponential from 1 s, capped at 60 s, with `jitter` in [0,1) spreading replicas apart. A write is
 * never given up for a transient failure: it waits while Clio is away and goes out, in order, when it is back.
 */
export const retryDelayMs = (failures: number, jitter: number, baseMs = 1_000, capMs = 60_000): number => {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
};
