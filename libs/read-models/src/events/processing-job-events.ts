import type { RecordedEvent } from '@sf/contracts';
import { isCount, isObject, isString, isStringArray, isStringOrNull, type Fields } from './narrow';

// Typed view of the processing-job events (stream `processing-job-<jobId>`) that the read models fold.

export type ProcessingJobEvent =
  | { type: 'JobStarted'; jobId: string; matterId: string; folderId: string | null; documentIds: string[] }
  | { type: 'DocumentProcessed'; jobId: string; documentId: string }
  | { type: 'DocumentSkipped'; jobId: string; documentId: string }
  | { type: 'DocumentFailed'; jobId: string; documentId: string }
  | { type: 'JobCompleted'; jobId: string; processed: number; skipped: number; failed: number }
  | { type: 'JobCancelled'; jobId: string; reason: string };

export type ProcessingJobEventType = ProcessingJobEvent['type'];

type Narrower = (d: Fields, jobId: string) => ProcessingJobEvent | null;

const documentEvent =
  (type: 'DocumentProcessed' | 'DocumentSkipped' | 'DocumentFailed'): Narrower =>
  (d, jobId) => (isString(d['documentId']) ? { type, jobId, documentId: d['documentId'] } : null);

const narrowers: Record<ProcessingJobEventType, Narrower> = {
  JobStarted: (d, jobId) => {
    const { matterId, documentIds } = d;
    const folderId = d['folderId'] ?? null;
    if (!isString(matterId) || !isStringOrNull(folderId) || !isStringArray(documentIds)) return null;
    return { type: 'JobStarted', jobId, matterId, folderId, documentIds };
  },
  DocumentProcessed: documentEvent('DocumentProcessed'),
  DocumentSkipped: documentEvent('DocumentSkipped'),
  DocumentFailed: documentEvent('DocumentFailed'),
  JobCompleted: (d, jobId) => {
    const { processed, skipped, failed } = d;
    if (!isCount(processed) || !isCount(skipped) || !isCount(failed)) return null;
    return { type: 'JobCompleted', jobId, processed, skipped, failed };
  },
  JobCancelled: (d, jobId) => (isString(d['reason']) ? { type: 'JobCancelled', jobId, reason: d['reason'] } : null),
};

export const isProcessingJobEventType = (t: string): t is ProcessingJobEventType => Object.hasOwn(narrowers, t);

/** The typed event, or null when it is not a processing-job event or its payload lacks the documented shape. */
export const asProcessingJobEvent = (e: Pick<RecordedEvent, 'type' | 'data'>): ProcessingJobEvent | null => {
  if (!isProcessingJobEventType(e.type) || !isObject(e.data) || !isString(e.data['jobId'])) return null;
  return narrowers[e.type](e.data, e.data['jobId']);
};
