import type { RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { asProcessingJobEvent, PROCESSING_JOB_EVENT_TYPES } from '../events/processing-job-events';
import { contextOf } from '../events/position';
import type { Projection } from '@sf/projections';
import { RowCache } from '@sf/projections';
import { foldJobSnapshotBatch, jobSnapshotLookups, type JobSnapshotInput } from './job-snapshot-fold';
import type { JobSnapshotRow } from './job-snapshot-row';
import { loadJobSnapshotRows, upsertJobSnapshotRows } from './job-snapshot-store';
import type { ReadModelTables } from '../schema/read-models.tables';

export const toJobSnapshotInputs = (events: readonly RecordedEvent[]): JobSnapshotInput[] =>
  events.flatMap((e) => {
    const event = asProcessingJobEvent(e);
    const ctx = event && contextOf(e);
    return event && ctx ? [{ event, ctx }] : [];
  });

/**
 * `job_snapshots`: one row per processing job with its frozen document list and outcome counts.
 * Each instance keeps a row cache (see RowCache), used only when the runner passes the batch's checkpoint.
 */
export const createJobSnapshotsProjection = (): Projection<ReadModelTables> => {
  const cache = new RowCache<JobSnapshotRow>({ keyOf: (r) => r.jobId });
  return {
    name: 'job_snapshots',
    // 2: counts once per document (the processing-job fold of @sf/sync-jobs), outcomes kept per row.
    version: 2,
    tables: ['job_snapshots'],
    eventTypes: PROCESSING_JOB_EVENT_TYPES,
    async apply(trx, events, ctx) {
      const last = events[events.length - 1];
      if (ctx) cache.continueFrom(ctx.after);
      const inputs = toJobSnapshotInputs(events);
      const ids = jobSnapshotLookups(inputs);
      const hits = ctx ? ids.flatMap((id) => cache.get(id) ?? []) : [];
      const missing = ctx ? ids.filter((id) => cache.get(id) === undefined) : ids;
      const changed =
        inputs.length === 0
          ? []
          : foldJobSnapshotBatch([...hits, ...(await loadJobSnapshotRows(trx, missing))], inputs);
      await upsertJobSnapshotRows(trx, changed);
      if (ctx && last) cache.advance(changed, LogPosition.of(last));
    },
  };
};

export const jobSnapshotsProjection: Projection<ReadModelTables> = createJobSnapshotsProjection();
