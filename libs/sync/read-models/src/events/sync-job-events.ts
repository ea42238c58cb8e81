import { EventTypes, readEventOf, type RecordedEvent, type RecordedEventOf } from '@sf/contracts';

/** The sync-job events the read models fold, typed by the contracts' catalogue. */
export const SyncJobEventTypes = [
  EventTypes.SyncRequested,
  EventTypes.SyncJobStarted,
  EventTypes.SyncProgressed,
  EventTypes.SyncJobBlocked,
  EventTypes.SyncJobPaused,
  EventTypes.SyncJobResumed,
  EventTypes.SyncJobCompleted,
  EventTypes.SyncJobFailed,
  EventTypes.SyncJobCancelled,
] as const;
export type SyncJobEventType = (typeof SyncJobEventTypes)[number];
export type SyncJobEvent = RecordedEventOf<SyncJobEventType>;

/** The set of them, as typed readers and projections (`eventTypes`) take it. */
export const SYNC_JOB_EVENT_TYPES: ReadonlySet<SyncJobEventType> = new Set(SyncJobEventTypes);

/**
 * The typed event (read by the contracts: validated, upcast), or null when it is not a sync-job event or does not
 * match its contract. The log only holds validated events, so the latter is a bug upstream: skipped, not guessed at.
 */
export const asSyncJobEvent = (e: RecordedEvent): SyncJobEvent | null => {
  const read = readEventOf(e, SYNC_JOB_EVENT_TYPES);
  return read?.ok ? read.value : null;
};
