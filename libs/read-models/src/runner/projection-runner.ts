import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { Database } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import type { Projection } from '../projection';
import { isCaughtUp } from './catch-up';
import { ensureProjectionVersion } from './reset';
import { runProjectionBatch } from './run-batch';
import { sleep } from './sleep';

export interface AppliedBatch {
  projection: string;
  events: readonly RecordedEvent[];
  checkpoint: LogPosition;
}

export interface ProjectionRunnerOptions {
  /** Events per batch; each batch is one transaction. Default 500. */
  batchSize?: number;
  /** Pause after a poll that found nothing new, in ms. A full batch is followed by the next at once. Default 20. */
  idleMs?: number;
  /** Pause while another runner (replica) holds a projection, in ms. Default 100. */
  busyMs?: number;
  /** First pause after a failed batch, in ms; doubles per consecutive failure up to `maxBackoffMs`. Default 200. */
  backoffMs?: number;
  /** Longest pause after failures, in ms. Default 10,000. */
  maxBackoffMs?: number;
  /** Called after a batch has committed (rows visible). */
  onBatch?: (batch: AppliedBatch) => void;
  /** Called when a projection was rebuilt at start because its version changed. */
  onReset?: (projection: string) => void;
  /** Called when a batch failed (it rolled back and will be retried). */
  onError?: (projection: string, err: unknown) => void;
}

export interface ProjectionRunner {
  /** Stops polling and waits for in-flight batches to finish. */
  stop(): Promise<void>;
  /** Resolves once every projection has applied everything committed in the log (by this or another runner). */
  whenCaughtUp(opts?: { timeoutMs?: number }): Promise<void>;
}

type Settings = Required<Omit<ProjectionRunnerOptions, 'onBatch' | 'onReset' | 'onError'>> & ProjectionRunnerOptions;

const loop = async (db: Kysely<Database>, projection: Projection, s: Settings, signal: AbortSignal): Promise<void> => {
  let failures = 0;
  let versionChecked = false;
  while (!signal.aborted) {
    try {
      if (!versionChecked) {
        if (await ensureProjectionVersion(db, projection)) s.onReset?.(projection.name);
        versionChecked = true;
      }
      const outcome = await runProjectionBatch(db, projection, s.batchSize);
      failures = 0;
      if (outcome.kind === 'applied') {
        s.onBatch?.({ projection: projection.name, events: outcome.events, checkpoint: outcome.checkpoint });
        if (outcome.full) continue;
      }
      await sleep(outcome.kind === 'busy' ? s.busyMs : s.idleMs, signal);
    } catch (err) {
      s.onError?.(projection.name, err);
      await sleep(Math.min(s.maxBackoffMs, s.backoffMs * 2 ** failures), signal);
      failures = Math.min(failures + 1, 30);
    }
  }
};

/**
 * Runs every projection in its own polling loop until stopped. Any number of runners (replicas) may run the same
 * projections: a per-batch advisory lock lets one apply at a time, and the checkpoint is stored in the batch's
 * transaction, so no event is applied twice or skipped. A failed batch rolls back and is retried with backoff.
 */
export const startProjectionRunner = (
  db: Kysely<Database>,
  projections: readonly Projection[],
  opts: ProjectionRunnerOptions = {},
): ProjectionRunner => {
  const s: Settings = {
    batchSize: 500, idleMs: 20, busyMs: 100, backoffMs: 200, maxBackoffMs: 10_000, ...opts,
  };
  const abort = new AbortController();
  const loops = projections.map((p) => loop(db, p, s, abort.signal));
  return {
    async stop() {
      abort.abort();
      await Promise.all(loops);
    },
    async whenCaughtUp({ timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await Promise.all(projections.map((p) => isCaughtUp(db, p)));
        if (states.every(Boolean)) return;
        if (Date.now() > deadline) throw new Error(`projections not caught up after ${timeoutMs} ms`);
        await sleep(s.idleMs);
      }
    },
  };
};
