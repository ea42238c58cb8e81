/** A loop run in the background until stopped: `step` says whether it found work (then it runs again at once). */
export interface BackgroundLoop {
  stop(): Promise<void>;
}

/** Longest wait between failed steps (Postgres or Clio away): a step is retried at least this often. */
export const MAX_FAILURE_BACKOFF_MS = 5_000;

/**
 * Wait after the `failures`-th failed step in a row: `idleMs` doubled per failure up to `maxMs` (never less than
 * `idleMs`), so a dependency outage costs the applier a log line every few seconds instead of ten a second.
 */
export const failureBackoffMs = (failures: number, idleMs: number, maxMs = MAX_FAILURE_BACKOFF_MS): number =>
  Math.max(idleMs, Math.min(maxMs, Math.max(1, idleMs) * 2 ** Math.min(30, Math.max(0, failures - 1))));

export const startLoop = (
  step: () => Promise<boolean>,
  idleMs: number,
  onError: (err: unknown) => void,
): BackgroundLoop => {
  let stopped = false;
  let wake: (() => void) | undefined;
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  const run = (async () => {
    let failures = 0;
    while (!stopped) {
      let busy = false;
      try {
        busy = await step();
        failures = 0;
      } catch (err) {
        failures += 1;
        onError(err);
      }
      if (!busy && !stopped) await idle(failures > 0 ? failureBackoffMs(failures, idleMs) : idleMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await run;
    },
  };
};
