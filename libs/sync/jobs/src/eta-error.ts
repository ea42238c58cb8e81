import { DEFAULT_ESTIMATE_CONFIG, estimateJob, progressOf, type EstimateConfig } from './job-estimate';
import { evolveJob, type JobView } from './job-view';
import { SyncJobState } from './sync-job-state';
import { eventTime, type SyncLogEvent } from './sync-log-event';

/** How far a completed job's ETA at half-way was off: what it said then, and what it took. */
export interface EtaError {
  /** The ETA when the job first reached 50% of its records, in ms. */
  predictedMs: number;
  /** From that moment to completion, in ms. */
  actualMs: number;
}

const halfWay = (v: JobView): boolean => {
  const p = progressOf(v);
  return v.state === SyncJobState.Running && p.total > 0 && p.current * 2 >= p.total;
};

/**
 * Folds one job's events (its `SyncRequested` first, log order) and measures the ETA it had when it first reached 50%
 * against the time it then took to complete. Null unless the job completed, passed 50% before completing, and had an
 * ETA then. The rate budget of that moment is not in the job's events, so the ETA is the one at the sustained pace
 * (what `GET /sync-jobs/{id}` shows outside a fresh window). Pure.
 */
export const etaErrorAtHalf = (
  events: readonly SyncLogEvent[],
  config: EstimateConfig = DEFAULT_ESTIMATE_CONFIG,
): EtaError | null => {
  let view: JobView | null = null;
  let half: { at: number; etaMs: number | null } | null = null;
  for (const e of events) {
    view = evolveJob(view, e);
    if (view === null || half !== null || !halfWay(view)) continue;
    const at = eventTime(e);
    half = { at, etaMs: estimateJob(view, null, at, config).etaMs };
  }
  if (view?.state !== SyncJobState.Completed || view.completedAt === null || half?.etaMs == null) return null;
  return { predictedMs: half.etaMs, actualMs: view.completedAt - half.at };
};
