import type { RecordedEvent } from '@sf/contracts';
import { asProcessingJobEvent } from '../events/processing-job-events';
import { contextOf } from '../events/position';
import type { Projection } from '../projection';
import { foldJobSnapshotBatch, jobSnapshotLookups, type JobSnapshotInput } from './job-snapshot-fold';
import { loadJobSnapshotRows, upsertJobSnapshotRows } from './job-snapshot-store';

export const toJobSnapshotInputs = (events: readonly RecordedEvent[]): JobSnapshotInput[] =>
  events.flatMap((e) => {
    const event = asProcessingJobEvent(e);
    const ctx = event && contextOf(e);
    return event && ctx ? [{ event, ctx }] : [];
  });

/** `job_snapshots`: one row per processing job with its frozen document list and outcome counts. */
export const jobSnapshotsProjection: Projection = {
  name: 'job_snapshots',
  version: 1,
  tables: ['job_snapshots'],
  async apply(trx, events) {
    const inputs = toJobSnapshotInputs(events);
    if (inputs.length === 0) return;
    const loaded = await loadJobSnapshotRows(trx, jobSnapshotLookups(inputs));
    await upsertJobSnapshotRows(trx, foldJobSnapshotBatch(loaded, inputs));
  },
};
