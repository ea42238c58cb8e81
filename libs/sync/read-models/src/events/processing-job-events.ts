import { EventTypes, readEventOf, type RecordedEvent, type RecordedEventOf } from '@sf/contracts';

/** The processing-job events the read models fold, typed by the contracts' catalogue. */
export const ProcessingJobEventTypes = [
  EventTypes.JobStarted,
  EventTypes.DocumentProcessed,
  EventTypes.DocumentSkipped,
  EventTypes.DocumentFailed,
  EventTypes.JobCompleted,
  EventTypes.JobCancelled,
] as const;
export type ProcessingJobEventType = (typeof ProcessingJobEventTypes)[number];
export type ProcessingJobEvent = RecordedEventOf<ProcessingJobEventType>;

/** The set of them, as typed readers and projections (`eventTypes`) take it. */
export const PROCESSING_JOB_EVENT_TYPES: ReadonlySet<ProcessingJobEventType> = new Set(ProcessingJobEventTypes);

/**
 * The typed event (read by the contracts: validated, upcast), or null when it is not a processing-job event or
 * does not match its contract (a bug upstream: skipped, not guessed at).
 */
export const asProcessingJobEvent = (e: RecordedEvent): ProcessingJobEvent | null => {
  const read = readEventOf(e, PROCESSING_JOB_EVENT_TYPES);
  return read?.ok ? read.value : null;
};
