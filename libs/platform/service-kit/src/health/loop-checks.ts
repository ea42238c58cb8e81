import type { ConsumerLoopState } from '@sf/messaging';
import type { CheckState } from './readiness';

/** A check of one of the process's own loops (consumers, relay, projections), asked on each `/health/ready`. */
export type LoopCheck = () => CheckState | Promise<CheckState>;

/** Default: a batch applying for 2 minutes is stuck (a batch holds its messages' ack wait, 30 s, extended). */
export const STUCK_AFTER_MS = 120_000;

/** `ok` while every consumer is pulling and none has had one batch in hand longer than `stuckAfterMs`. */
export const consumersNotStuck =
  (states: () => readonly ConsumerLoopState[], stuckAfterMs = STUCK_AFTER_MS): LoopCheck =>
  () =>
    states().every((s) => s.running && (s.busyMs === null || s.busyMs < stuckAfterMs)) ? 'ok' : 'down';

/** `ok` while a log reader trails the log by at most `maxSeconds` (its lag read from the log, see checkpointLag). */
export const lagWithin =
  (lag: () => Promise<{ seconds: number }>, maxSeconds: number): LoopCheck =>
  async () =>
    (await lag()).seconds <= maxSeconds ? 'ok' : 'down';
