import { EventTypes, ObservationSources, readEventOf, type RecordedEvent, type SyncMode } from '@sf/contracts';
import { isClioEntityType, type ClioEntityType } from './entity-types';
import { MirrorSources, type MirrorSource } from './mirror-source';

// Typed views of the events the mirror folds, read by the contracts (validated, upcast; a stored `DocumentsSwept`
// reads as `RecordsSwept`). The log only holds validated events, so one that does not match its contract, or names
// an entity type the mirror does not hold, is a bug upstream: the projection skips it.

export interface RecordsPage {
  jobId: string;
  entityType: ClioEntityType;
  records: readonly unknown[];
  /** How the page was listed (absent on older pages and deletion checks' re-fetches). */
  mode?: SyncMode;
}

export interface Sweep {
  jobId: string;
  entityType: ClioEntityType;
  matterId: string | null;
  listed: number;
  softDeletedIds: readonly string[];
  heldForReview: boolean;
  heldIds: readonly string[];
  /** How the deletions were found (absent on older sweeps). */
  mode?: SyncMode;
}

export interface Flagged {
  jobId: string;
  entityType: string;
  records: ReadonlyArray<{ id: string | null; reason: string }>;
}

/** Records and deletions observed through webhooks (`ClioRecordsObserved`). */
export interface Observation {
  entityType: ClioEntityType;
  records: readonly unknown[];
  deletedIds: readonly string[];
  /** What wrote them: a webhook (default), or our own write-back confirmed by Clio (`ClioWriteApplied`). */
  source?: MirrorSource;
  /**
   * The records were read from Clio after the change that caused them (a fetch by `ids[]`, Clio's answer to our
   * write), not carried by a delivery that may be a late copy of an older version: see upsertObservedRows.
   */
  readBack: boolean;
  /** Payload records known to follow a version of their second: id → that version's etag (ClioRecordsObservedV2). */
  supersedes?: ReadonlyMap<string, string>;
}

export type SweepDecision =
  | { kind: 'approved'; sweepEventId: string; entityType: ClioEntityType; ids: readonly string[]; by: string }
  | { kind: 'rejected'; sweepEventId: string; reason: string; by: string };

export type MirrorEvent =
  | { kind: 'page'; page: RecordsPage }
  | { kind: 'sweep'; sweep: Sweep }
  | { kind: 'flagged'; flagged: Flagged }
  | { kind: 'decision'; decision: SweepDecision }
  | { kind: 'observed'; observed: Observation };

/** Every event type the mirror folds (its projection loads only these payloads). */
export const MIRROR_EVENT_TYPES = new Set([
  EventTypes.ClioRecordsFetched,
  EventTypes.RecordsSwept,
  EventTypes.SyncRecordsFlagged,
  EventTypes.HeldSweepApproved,
  EventTypes.HeldSweepRejected,
  EventTypes.ClioRecordsObserved,
  EventTypes.ClioWriteApplied,
] as const);

/** The mirror's view of `e`; null for any other event. A `RecordsSwept` without `entityType` swept documents. */
export const asMirrorEvent = (e: RecordedEvent): MirrorEvent | null => {
  const read = readEventOf(e, MIRROR_EVENT_TYPES);
  if (!read?.ok) return null;
  const r = read.value;
  switch (r.type) {
    case EventTypes.ClioRecordsFetched: {
      const { jobId, entityType, records, mode } = r.data;
      return isClioEntityType(entityType) ? { kind: 'page', page: { jobId, entityType, records, mode } } : null;
    }
    case EventTypes.RecordsSwept: {
      const { jobId, softDeletedIds, heldForReview, listed, entityType = 'documents' } = r.data;
      if (!isClioEntityType(entityType)) return null;
      const sweep = {
        jobId,
        entityType,
        matterId: r.data.matterId ?? null,
        listed,
        softDeletedIds,
        heldForReview,
        heldIds: r.data.heldIds ?? [],
        mode: r.data.mode,
      };
      return { kind: 'sweep', sweep };
    }
    case EventTypes.SyncRecordsFlagged:
      return { kind: 'flagged', flagged: r.data };
    case EventTypes.HeldSweepApproved: {
      const { sweepEventId, entityType, softDeletedIds, approvedBy } = r.data;
      if (!isClioEntityType(entityType)) return null;
      return {
        kind: 'decision',
        decision: { kind: 'approved', sweepEventId, entityType, ids: softDeletedIds, by: approvedBy },
      };
    }
    case EventTypes.HeldSweepRejected: {
      const { sweepEventId, reason, rejectedBy } = r.data;
      return { kind: 'decision', decision: { kind: 'rejected', sweepEventId, reason, by: rejectedBy } };
    }
    case EventTypes.ClioRecordsObserved: {
      const { entityType, records, deletedIds, source, supersedes = [] } = r.data;
      const readBack = source === ObservationSources.webhookFetch;
      const over = supersedes.length > 0 ? { supersedes: new Map(supersedes.map((s) => [s.id, s.etag])) } : {};
      return isClioEntityType(entityType)
        ? { kind: 'observed', observed: { entityType, records, deletedIds, readBack, ...over } }
        : null;
    }
    case EventTypes.ClioWriteApplied: {
      // Clio's confirmed record replaces the mirror's (newer updated_at wins, as for webhooks); a delete removes it.
      const { entityType, recordId, record } = r.data;
      const observed = { entityType, source: MirrorSources.writeBack, readBack: true };
      return record === null
        ? { kind: 'observed', observed: { ...observed, records: [], deletedIds: [recordId] } }
        : { kind: 'observed', observed: { ...observed, records: [record], deletedIds: [] } };
    }
  }
};
