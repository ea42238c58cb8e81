import type { EventData, WriteEntityType, WriteOperation } from '@sf/contracts';

/** Where a write stands: waiting to be sent, confirmed by Clio, refused, waiting for a person, or dropped by one. */
export const WriteStatuses = {
  pending: 'pending',
  applied: 'applied',
  failed: 'failed',
  conflicted: 'conflicted',
  discarded: 'discarded',
} as const;
export type WriteStatus = (typeof WriteStatuses)[keyof typeof WriteStatuses];

export interface WriteConflict {
  fields: string[];
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
  currentEtag: string;
}

/** One write folded from its stream (`clio-write-<writeId>`). */
export interface WriteState {
  writeId: string;
  idempotencyKey: string;
  entityType: WriteEntityType;
  operation: WriteOperation;
  /** The Clio record: the target of an update/delete, or the id Clio gave a create once applied. */
  recordId: string | null;
  matterId: string | null;
  contactId: string | null;
  /**
   * The create of this app that made the record (its write id), when there is one: the write orders behind it, and
   * while the create is unconfirmed `recordId` is null (the writer takes the Clio id from the applied create).
   */
  createWriteId: string | null;
  /** What goes to Clio next (the request's values, or a resolution's). */
  values: Record<string, unknown>;
  /** The etag it goes `If-Match` (the one the person saw, or a conflict's current one). */
  baseEtag: string | null;
  baseValues: Record<string, unknown> | null;
  requestedBy: string;
  status: WriteStatus;
  /** Creates sent so far (`ClioWriteAttempted`). */
  attempts: number;
  /**
   * A create was sent and no outcome was recorded after it: Clio may hold the record already (the answer was lost,
   * or the writer died), so it must be looked up before sending again.
   */
  outcomeUnknown: boolean;
  reason: string | null;
  conflict: WriteConflict | null;
  /** The record Clio confirmed (null for a delete or before). */
  confirmed: Record<string, unknown> | null;
  requestedAt: string;
  updatedAt: string;
}

export const isOpenWrite = (s: WriteState): boolean =>
  s.status === WriteStatuses.pending || s.status === WriteStatuses.conflicted;

export type WriteRequest = EventData<'ClioWriteRequested'>;
