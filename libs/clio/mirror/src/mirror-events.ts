import type { RecordedEvent } from '@sf/contracts';
import { isClioEntityType, type ClioEntityType } from './entity-types';

// Typed views of the two events the mirror folds. The log only holds validated events, so a payload without the
// documented shape is a bug upstream: the projection skips it rather than guess.

export interface RecordsPage {
  jobId: string;
  entityType: ClioEntityType;
  records: readonly unknown[];
}

export interface Sweep {
  jobId: string;
  entityType: ClioEntityType;
  softDeletedIds: readonly string[];
  heldForReview: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export const asRecordsPage = (e: Pick<RecordedEvent, 'type' | 'data'>): RecordsPage | null => {
  if (e.type !== 'ClioRecordsFetched' || !isObject(e.data)) return null;
  const { jobId, entityType, records } = e.data;
  if (typeof jobId !== 'string' || !isClioEntityType(entityType) || !Array.isArray(records)) return null;
  return { jobId, entityType, records };
};

/** `DocumentsSwept` without `entityType` is a documents sweep (its v1 meaning). */
export const asSweep = (e: Pick<RecordedEvent, 'type' | 'data'>): Sweep | null => {
  if (e.type !== 'DocumentsSwept' || !isObject(e.data)) return null;
  const { jobId, softDeletedIds, heldForReview } = e.data;
  const entityType = e.data['entityType'] ?? 'documents';
  if (typeof jobId !== 'string' || !isClioEntityType(entityType) || !isStringArray(softDeletedIds) || typeof heldForReview !== 'boolean') return null;
  return { jobId, entityType, softDeletedIds, heldForReview };
};
