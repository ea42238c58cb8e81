import { EventTypes, type EventType } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { evolveJob, jobIdOf } from '@sf/sync-jobs';
import type { Projection } from '@sf/projections';
import { logEventsOf, type PositionedEvent } from './log-events';
import { loadSyncJobRows, upsertSyncJobRows, type SyncJobRow } from './sync-job-row';
import type { SyncJobsTables } from '../schema/sync-jobs.tables';

/** Every event type that changes a job: its scope-stream open/close events and its job-stream events. */
const JOB_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  EventTypes.SyncRequested,
  EventTypes.SyncJobStarted,
  EventTypes.SyncProgressed,
  EventTypes.ClioRecordsFetched,
  EventTypes.RecordsSwept,
  EventTypes.SyncEntityForbidden,
  EventTypes.SyncListingRestarted,
  EventTypes.SyncJobBlocked,
  EventTypes.SyncJobResumed,
  EventTypes.SyncJobPaused,
  EventTypes.SyncJobStalled,
  EventTypes.SyncPhaseCompleted,
  EventTypes.SyncJobCompleted,
  EventTypes.SyncJobFailed,
  EventTypes.SyncJobCancelled,
]);

/** Folds a batch over the rows it touches (the job-state evolve of @sf/sync-jobs); returns the changed rows. */
export const foldSyncJobs = (
  loaded: ReadonlyMap<string, SyncJobRow>,
  inputs: readonly PositionedEvent[],
): SyncJobRow[] => {
  const rows = new Map(loaded);
  const changed = new Map<string, SyncJobRow>();
  for (const { event, position } of inputs) {
    const jobId = jobIdOf(event);
    if (jobId === null) continue;
    const before = rows.get(jobId) ?? null;
    // At or before the row's position: already applied (a replay), so it changes nothing.
    if (before !== null && LogPosition.compare(position, before.position) <= 0) continue;
    const view = evolveJob(before?.view ?? null, event);
    if (view === null || view === before?.view) continue;
    const row = { view, position };
    rows.set(jobId, row);
    changed.set(jobId, row);
  }
  return [...changed.values()];
};

/** `sync_jobs`: one row per sync job, with its state, per-entity-type progress, estimates, times and errors. */
export const syncJobsProjection: Projection<SyncJobsTables> = {
  name: 'sync_jobs',
  // 2: stall_reason (rebuilt, so jobs that stalled before it have their reason too).
  version: 2,
  tables: ['sync_jobs'],
  eventTypes: JOB_EVENT_TYPES,
  async apply(trx, events) {
    const inputs = logEventsOf(events, JOB_EVENT_TYPES);
    if (inputs.length === 0) return;
    const jobIds = [...new Set(inputs.flatMap(({ event }) => jobIdOf(event) ?? []))];
    await upsertSyncJobRows(trx, foldSyncJobs(await loadSyncJobRows(trx, jobIds), inputs));
  },
};
