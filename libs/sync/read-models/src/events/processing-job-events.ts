import { EventTypes, type CatalogueEvent, type RecordedEvent } from '@sf/contracts';
import { currentPayload } from './catalogue-narrowing';
import { isCount, isString, isStringArray, isStringOrNull, type Fields } from './narrow';

/** The processing-job events the read models fold, typed by the contracts' catalogue. */
export const ProcessingJobEventTypes = [
  EventTypes.JobStarted, EventTypes.DocumentProcessed, EventTypes.DocumentSkipped, EventTypes.DocumentFailed,
  EventTypes.JobCompleted, EventTypes.JobCancelled,
] as const;
export type ProcessingJobEventType = (typeof ProcessingJobEventTypes)[number];
export type ProcessingJobEvent = Extract<CatalogueEvent, { type: ProcessingJobEventType }>;

const hasDocument = (d: Fields): boolean => isString(d['documentId']);

const checks: Record<ProcessingJobEventType, (d: Fields) => boolean> = {
  JobStarted: (d) => isString(d['matterId']) && isStringOrNull(d['folderId'] ?? null) && isStringArray(d['documentIds']),
  DocumentProcessed: hasDocument,
  DocumentSkipped: hasDocument,
  DocumentFailed: hasDocument,
  JobCompleted: (d) => isCount(d['processed']) && isCount(d['skipped']) && isCount(d['failed']),
  JobCancelled: () => true,
};

const isProcessingJobEventType = (t: string): t is ProcessingJobEventType => Object.hasOwn(checks, t);

/** The typed event, or null when it is not a processing-job event or its payload lacks the documented shape. */
export const asProcessingJobEvent = (e: RecordedEvent): ProcessingJobEvent | null => {
  const type = e.type;
  if (!isProcessingJobEventType(type)) return null;
  const data = currentPayload({ ...e, type }, (d) => isString(d['jobId']) && checks[type](d));
  // Safe: a catalogue type whose payload has, in its current version, every field the read models read.
  return data === null ? null : ({ type, data } as unknown as ProcessingJobEvent);
};
