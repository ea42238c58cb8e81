import {
  EventTypes,
  WriteResolutions,
  type CatalogueEvent,
  type WriteApplication,
  type WriteResolution,
} from '@sf/contracts';
import { mergeAfterPrecondition, type MergeOutcome } from './field-merge';
import { WriteStatuses, type WriteRequest, type WriteState } from './write-state';

/** What Clio's answer (or its absence) means for a write, as the writer observed it. */
export type ClioOutcome =
  | { kind: 'applied'; recordId: string; record: Record<string, unknown> | null; how: WriteApplication }
  /** A 4xx that sending again cannot change (validation, 404 of the target, 403). */
  | { kind: 'refused'; status: number; reason: string }
  /** The connection was revoked: nothing will ever send it. */
  | { kind: 'revoked'; reason: string }
  /** Nothing can send it: the record it changes was never created (its create failed or was dropped). */
  | { kind: 'abandoned'; reason: string }
  /** 412: what Clio holds now. */
  | { kind: 'precondition_failed'; current: Record<string, unknown> };

export type WriteCommand =
  | { kind: 'request'; request: WriteRequest }
  | { kind: 'attempt' }
  | { kind: 'outcome'; outcome: ClioOutcome }
  | { kind: 'resolve'; resolution: WriteResolution; values: Record<string, unknown> | null; by: string };

export type WriteRejection = { rejected: true; reason: 'not_found' | 'not_conflicted' | 'values_required' };

/** Events to append (possibly none: a repeat changes nothing), or a follow-up for the writer after a 412. */
export type WriteDecision =
  { rejected: false; events: CatalogueEvent[]; resend?: Extract<MergeOutcome, { kind: 'resend' }> } | WriteRejection;

const events = (...es: CatalogueEvent[]): WriteDecision => ({ rejected: false, events: es });
const reject = (reason: WriteRejection['reason']): WriteRejection => ({ rejected: true, reason });

/**
 * The one place a write's stream changes. A repeated request (same idempotency key, so same stream) is the same
 * write: no event. Outcomes only land on a pending write, so a late or duplicated outcome after a final one is
 * ignored; a 412 either resends the merged values (no event: the next answer decides) or records a conflict.
 */
export const decideWrite = (s: WriteState | null, c: WriteCommand): WriteDecision => {
  if (c.kind === 'request')
    return s === null ? events({ type: EventTypes.ClioWriteRequested, data: c.request }) : events();
  if (s === null) return reject('not_found');
  const writeId = s.writeId;
  switch (c.kind) {
    case 'attempt':
      return s.status === WriteStatuses.pending
        ? events({ type: EventTypes.ClioWriteAttempted, data: { writeId, attempt: s.attempts + 1 } })
        : events();
    case 'outcome':
      return s.status === WriteStatuses.pending ? decideOutcome(s, c.outcome) : events();
    case 'resolve': {
      if (s.status !== WriteStatuses.conflicted || s.conflict === null) return reject('not_conflicted');
      if (c.resolution === WriteResolutions.edit && c.values === null) return reject('values_required');
      const values =
        c.resolution === WriteResolutions.keepClio
          ? null
          : c.resolution === WriteResolutions.edit
            ? c.values
            : s.values;
      return events({
        type: EventTypes.ClioWriteConflictResolved,
        data: { writeId, resolution: c.resolution, values, baseEtag: s.conflict.currentEtag, resolvedBy: c.by },
      });
    }
  }
};

const decideOutcome = (s: WriteState, o: ClioOutcome): WriteDecision => {
  const writeId = s.writeId;
  switch (o.kind) {
    case 'applied':
      return events({
        type: EventTypes.ClioWriteApplied,
        data: { writeId, entityType: s.entityType, recordId: o.recordId, record: o.record, how: o.how },
      });
    case 'refused':
      return events({ type: EventTypes.ClioWriteFailed, data: { writeId, reason: o.reason, status: o.status } });
    case 'revoked':
    case 'abandoned':
      return events({ type: EventTypes.ClioWriteFailed, data: { writeId, reason: o.reason, status: null } });
    case 'precondition_failed': {
      const merged = mergeAfterPrecondition(s.values, s.baseValues, o.current);
      if (merged.kind === 'resend') return { rejected: false, events: [], resend: merged };
      return events({ type: EventTypes.ClioWriteConflicted, data: { writeId, ...merged.conflict } });
    }
  }
};
