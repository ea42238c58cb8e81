/** A loop run in the background until stopped: `step` says whether it found work (then it runs again at once). */
export interface BackgroundLoop {
  stop(): Promise<void>;
}

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
    while (!stopped) {
      let busy = false;
      try {
        busy = await step();
      } catch (err) {
        onError(err);
      }
      if (!busy && !stopped) await idle(idleMs);
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
