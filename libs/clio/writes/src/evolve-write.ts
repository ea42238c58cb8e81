import { EventTypes, WriteApplications, WriteResolutions } from '@sf/contracts';
import type { WriteLogEvent } from './write-event';
import { WriteStatuses, type WriteState } from './write-state';

/**
 * Folds one event of a write's stream. The first event must be `ClioWriteRequested`; anything before it is a bug
 * upstream and leaves the state empty. Outcomes after a final one change nothing (a duplicate cannot reopen a write).
 */
export const evolveWrite = (s: WriteState | null, e: WriteLogEvent): WriteState | null => {
  const at = e.metadata.occurredAt;
  if (e.type === EventTypes.ClioWriteRequested) {
    if (s !== null) return s;
    const d = e.data;
    return {
      writeId: d.writeId,
      idempotencyKey: d.idempotencyKey,
      entityType: d.entityType,
      operation: d.operation,
      recordId: d.recordId,
      matterId: d.matterId,
      contactId: d.contactId,
      createWriteId: d.createWriteId ?? null,
      values: d.values,
      baseEtag: d.baseEtag,
      baseValues: d.baseValues,
      requestedBy: d.requestedBy,
      status: WriteStatuses.pending,
      attempts: 0,
      outcomeUnknown: false,
      reason: null,
      conflict: null,
      confirmed: null,
      requestedAt: at,
      updatedAt: at,
    };
  }
  if (s === null) return null;
  switch (e.type) {
    case EventTypes.ClioWriteAttempted:
      return { ...s, attempts: Math.max(s.attempts, e.data.attempt), outcomeUnknown: true, updatedAt: at };
    case EventTypes.ClioWriteApplied:
      if (s.status !== WriteStatuses.pending) return s;
      return {
        ...s,
        status: WriteStatuses.applied,
        recordId: e.data.recordId,
        confirmed: e.data.how === WriteApplications.gone ? null : e.data.record,
        outcomeUnknown: false,
        updatedAt: at,
      };
    case EventTypes.ClioWriteFailed:
      if (s.status !== WriteStatuses.pending) return s;
      return { ...s, status: WriteStatuses.failed, reason: e.data.reason, outcomeUnknown: false, updatedAt: at };
    case EventTypes.ClioWriteConflicted: {
      if (s.status !== WriteStatuses.pending) return s;
      const { fields, mine, theirs, currentEtag } = e.data;
      return { ...s, status: WriteStatuses.conflicted, conflict: { fields, mine, theirs, currentEtag }, updatedAt: at };
    }
    case EventTypes.ClioWriteConflictResolved: {
      if (s.status !== WriteStatuses.conflicted) return s;
      if (e.data.resolution === WriteResolutions.keepClio)
        return { ...s, status: WriteStatuses.discarded, conflict: null, updatedAt: at };
      return {
        ...s,
        status: WriteStatuses.pending,
        values: e.data.values ?? s.values,
        baseEtag: e.data.baseEtag,
        // The person has now seen Clio's values: they are the base of any later merge.
        baseValues: s.conflict === null ? s.baseValues : { ...s.baseValues, ...s.conflict.theirs },
        conflict: null,
        updatedAt: at,
      };
    }
  }
};

export const foldWrite = (events: readonly WriteLogEvent[]): WriteState | null =>
  events.reduce<WriteState | null>(evolveWrite, null);
