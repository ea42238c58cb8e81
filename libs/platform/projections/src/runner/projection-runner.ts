import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { loadCheckpoint, readAllAfter, type LogPosition } from '@sf/event-store';
import { checkpointName, type Projection, type ProjectionRunnerTables } from '../projection';
import { isCaughtUp } from './catch-up';
import { ensureProjectionVersion } from './reset';
import { NO_DATA, runProjectionBatch } from './run-batch';
import { sleep } from './sleep';

export interface AppliedBatch {
  projection: string;
  events: readonly RecordedEvent[];
  checkpoint: LogPosition;
}

export interface ProjectionRunnerOptions {
  /** Events per batch; each batch is one transaction. Default 500. */
  batchSize?: number;
  /**
   * Pause between polls while there is nothing new, in ms (an idle poll is one indexed read, no transaction).
   * A full batch is followed by the next at once. Default 25.
   */
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
  /**
   * Resolves once every projection's checkpoint reaches `until` (by this or another runner); without it, once
   * nothing readable lies after any checkpoint. Throws after `timeoutMs` (default 10,000).
   */
  whenCaughtUp(opts?: { until?: LogPosition; timeoutMs?: number }): Promise<void>;
}

type Settings = Required<Omit<ProjectionRunnerOptions, 'onBatch' | 'onReset' | 'onError'>> & ProjectionRunnerOptions;

/** Cheap poll while idle: one indexed read after the last checkpoint this loop saw, no transaction or lock. */
const hasNewEvents = async <DB extends ProjectionRunnerTables>(
  db: Kysely<DB>,
  seen: LogPosition | null,
): Promise<boolean> => seen === null || (await readAllAfter(db, seen, 1, NO_DATA)).length > 0;

const loop = async <T, DB extends ProjectionRunnerTables & T>(
  db: Kysely<DB>,
  projection: Projection<T>,
  s: Settings,
  signal: AbortSignal,
): Promise<void> => {
  let failures = 0;
  let versionChecked = false;
  // Last checkpoint known to this loop; null until a batch ran (or after one found work or failed).
  let seen: LogPosition | null = null;
  while (!signal.aborted) {
    try {
      if (!versionChecked) {
        if (await ensureProjectionVersion(db, projection)) s.onReset?.(projection.name);
        versionChecked = true;
      }
      if (!(await hasNewEvents(db, seen))) {
        await sleep(s.idleMs, signal);
        continue;
      }
      const outcome = await runProjectionBatch(db, projection, s.batchSize);
      failures = 0;
      seen = null;
      if (outcome.kind === 'applied') {
        s.onBatch?.({ projection: projection.name, events: outcome.events, checkpoint: outcome.checkpoint });
        if (outcome.full) continue;
        seen = outcome.checkpoint;
      } else if (outcome.kind === 'idle') {
        seen = await loadCheckpoint(db, checkpointName(projection));
      }
      await sleep(outcome.kind === 'busy' ? s.busyMs : s.idleMs, signal);
    } catch (err) {
      seen = null;
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
export const startProjectionRunner = <T, DB extends ProjectionRunnerTables & T>(
  db: Kysely<DB>,
  projections: readonly Projection<T>[],
  opts: ProjectionRunnerOptions = {},
): ProjectionRunner => {
  const s: Settings = {
    batchSize: 500,
    idleMs: 25,
    busyMs: 100,
    backoffMs: 200,
    maxBackoffMs: 10_000,
    ...opts,
  };
  const abort = new AbortController();
  const loops = projections.map((p) => loop(db, p, s, abort.signal));
  return {
    async stop() {
      abort.abort();
      await Promise.all(loops);
    },
    async whenCaughtUp({ until, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await Promise.all(projections.map((p) => isCaughtUp(db, p, until)));
        if (states.every(Boolean)) return;
        if (Date.now() > deadline) throw new Error(`projections not caught up after ${timeoutMs} ms`);
        await sleep(s.idleMs);
      }
    },
  };
};
