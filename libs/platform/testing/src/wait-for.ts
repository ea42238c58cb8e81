export interface WaitForOptions {
  /** Give up after this long. Default 10 s. */
  timeoutMs?: number;
  /** Poll period. Default 20 ms. */
  intervalMs?: number;
  /** Shown in the error when the condition never holds. */
  description?: string;
}

/**
 * Polls `probe` until `until(value)` holds and returns that value. Tests wait on a condition (a checkpoint, a
 * row, a consumer's pending count), never on a fixed sleep.
 */
export const waitFor = async <T>(
  probe: () => Promise<T> | T,
  until: (value: T) => boolean,
  opts: WaitForOptions = {},
): Promise<T> => {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (until(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `waitFor timed out after ${timeoutMs} ms: ${opts.description ?? 'condition'}; last value ${safeJson(last)}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};

const safeJson = (v: unknown): string => {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))?.slice(0, 500) ?? String(v);
  } catch {
    return String(v);
  }
};
