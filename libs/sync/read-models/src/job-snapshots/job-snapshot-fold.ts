import type { EventContext } from '../events/position';
import type { ProcessingJobEvent } from '../events/processing-job-events';
import { evolveJobSnapshot } from './job-snapshot-evolve';
import type { JobSnapshotRow } from './job-snapshot-row';

export interface JobSnapshotInput {
  event: ProcessingJobEvent;
  ctx: EventContext;
}

/** Job ids a batch touches (the rows to load before folding). */
export const jobSnapshotLookups = (inputs: readonly JobSnapshotInput[]): string[] => [
  ...new Set(inputs.map((i) => i.event.data.jobId)),
];

/** Folds a batch in log order over the rows it touches; returns the rows that changed. */
export const foldJobSnapshotBatch = (
  loaded: readonly JobSnapshotRow[],
  inputs: readonly JobSnapshotInput[],
): JobSnapshotRow[] => {
  const rows = new Map(loaded.map((r) => [r.jobId, r] as const));
  const changed = new Map<string, JobSnapshotRow>();
  for (const { event, ctx } of inputs) {
    const before = rows.get(event.data.jobId) ?? null;
    const after = evolveJobSnapshot(before, event, ctx);
    if (after === null || after === before) continue;
    rows.set(after.jobId, after);
    changed.set(after.jobId, after);
  }
  return [...changed.values()];
};
