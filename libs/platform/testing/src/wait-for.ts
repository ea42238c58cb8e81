export interface WaitForOptions {
  /** Give up after this long. Default 10 s. */
  timeoutMs?: number;
  /** Poll period. Default 20 ms. */
  intervalMs?: number;
  /** Shown in the error when the condition never holds. */
  description?: string;
}

/**
 * Every wait is this many times its stated timeout (`SF_TEST_WAIT_SCALE`, default 2): the timeouts are written for
 * a quiet machine, and a CI machine running three suites on two cores (or a developer's busy one) is often several
 * times slower. Only a failing wait takes longer; a passing one returns as soon as its condition holds.
 */
export const waitScale = (): number => {
  const s = Number(process.env['SF_TEST_WAIT_SCALE'] ?? '2');
  return Number.isFinite(s) && s > 0 ? s : 2;
};

/**
 * Polls `probe` until `until(value)` holds and returns that value. Tests wait on a condition (a checkpoint, a
 * row, a consumer's pending count), never on a fixed sleep.
 */
export const waitFor = async <T>(
  probe: () => Promise<T> | T,
  until: (value: T) => boolean,
  opts: WaitForOptions = {},
): Promise<T> => {
  const timeoutMs = (opts.timeoutMs ?? 10_000) * waitScale();
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
