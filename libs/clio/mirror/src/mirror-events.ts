import { EventTypes, readEventOf, type RecordedEvent } from '@sf/contracts';
import { isClioEntityType, type ClioEntityType } from './entity-types';

// Typed views of the two events the mirror folds, read by the contracts (validated, upcast; a stored
// `DocumentsSwept` reads as `RecordsSwept`). The log only holds validated events, so one that does not match its
// contract, or names an entity type the mirror does not hold, is a bug upstream: the projection skips it.

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

/** Records and deletions observed through webhooks (`ClioRecordsObserved`). */
export interface Observation {
  entityType: ClioEntityType;
  records: readonly unknown[];
  deletedIds: readonly string[];
}

export type MirrorEvent =
  { kind: 'page'; page: RecordsPage } | { kind: 'sweep'; sweep: Sweep } | { kind: 'observed'; observed: Observation };

const MIRROR_EVENT_TYPES = new Set([
  EventTypes.ClioRecordsFetched,
  EventTypes.RecordsSwept,
  EventTypes.ClioRecordsObserved,
] as const);

/** The page or sweep `e` holds; null for any other event. A `RecordsSwept` without `entityType` swept documents. */
export const asMirrorEvent = (e: RecordedEvent): MirrorEvent | null => {
  const read = readEventOf(e, MIRROR_EVENT_TYPES);
  if (!read?.ok) return null;
  const r = read.value;
  if (r.type === EventTypes.ClioRecordsFetched) {
    const { jobId, entityType, records } = r.data;
    return isClioEntityType(entityType) ? { kind: 'page', page: { jobId, entityType, records } } : null;
  }
  if (r.type === EventTypes.ClioRecordsObserved) {
    const { entityType, records, deletedIds } = r.data;
    return isClioEntityType(entityType) ? { kind: 'observed', observed: { entityType, records, deletedIds } } : null;
  }
  const { jobId, softDeletedIds, heldForReview, entityType = 'documents' } = r.data;
  return isClioEntityType(entityType)
    ? { kind: 'sweep', sweep: { jobId, entityType, softDeletedIds, heldForReview } }
    : null;
};
