import { setTimeout as sleep } from 'node:timers/promises';

export interface OutageRetry {
  /** Pause between attempts, ms. */
  everyMs: number;
  /** Stop trying after this long, ms, and throw the last error. */
  forMs: number;
}

/**
 * Runs `fn` until it succeeds, through a database outage: a failed attempt waits `everyMs` and tries again, for at
 * most `forMs`. For the small bookkeeping writes that must land once Postgres is back (giving a lease back,
 * recording a crash), where failing at the first refused connection would leave a job waiting out its lease.
 */
export const retryThroughOutage = async <T>(fn: () => Promise<T>, o: OutageRetry): Promise<T> => {
  const deadline = Date.now() + o.forMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() + o.everyMs > deadline) throw err;
      await sleep(o.everyMs);
    }
  }
};
