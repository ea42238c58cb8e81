import type { Logger } from 'pino';
import type { SyncService } from './sync/sync-service';

export interface StallTimer {
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

/** Runs `service.checkStalls()` and `service.checkUnclaimed()` every `intervalMs` (one check at a time; a failed check is logged and retried next time). */
export const startStallTimer = (
  service: Pick<SyncService, 'checkStalls' | 'checkUnclaimed'>,
  intervalMs: number,
  log: Logger,
): StallTimer => {
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = (): void => {
    running = Promise.all([service.checkStalls(), service.checkUnclaimed()])
      .then(
        ([restarted, unclaimed]) => {
          if (restarted.length > 0)
            log.warn({ jobIds: restarted }, 'restarted stalled sync jobs from their checkpoints');
          if (unclaimed.length > 0) log.warn({ jobIds: unclaimed }, 'failed sync jobs that no worker started');
        },
        (e: unknown) =>
          log.error(
            { err: e instanceof Error ? e.name : 'unknown', detail: e instanceof Error ? e.message : undefined },
            'stall check failed',
          ),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs).unref();
      });
  };
  if (intervalMs > 0) timer = setTimeout(tick, intervalMs).unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
