export interface PeriodicPassOptions {
  /** One pass (a prune, a sweep). A rejection goes to `onError`; the next pass still comes. */
  pass: () => Promise<unknown>;
  /** Pass period, ms; the first pass runs at start. */
  everyMs: number;
  onError?: (err: unknown) => void;
}

export interface PeriodicPass {
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` at start and then every `everyMs`, never two at once in one process (a slow pass skips a tick rather
 * than piling up). The timer is unref'd: housekeeping never keeps a process alive.
 */
export const startPeriodicPass = (o: PeriodicPassOptions): PeriodicPass => {
  let running: Promise<unknown> | null = null;
  const tick = (): void => {
    if (running) return;
    running = o
      .pass()
      .catch((err: unknown) => o.onError?.(err))
      .finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, o.everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
