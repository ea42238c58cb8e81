import type { WriteOperation } from '@sf/contracts';
import { WriteStatuses, type WriteState } from './write-state';

/**
 * What a reader sees of a record's writes still on their way to Clio: the values it will hold once Clio confirms
 * them (each open write's values laid over the previous ones, in request order, Clio's field names), whether it is
 * being deleted, and the writes themselves. A record with no open write has none (`null`).
 */
export interface PendingView {
  /** `conflicted` when one of the writes waits for a person (`POST /writes/{id}/resolve`), else `pending`. */
  status: 'pending' | 'conflicted';
  values: Record<string, unknown>;
  /** An open delete: the record goes once Clio confirms it. */
  deleting: boolean;
  writes: Array<{ writeId: string; operation: WriteOperation; status: 'pending' | 'conflicted' }>;
}

const isOpen = (w: WriteState): w is WriteState & { status: 'pending' | 'conflicted' } =>
  w.status === WriteStatuses.pending || w.status === WriteStatuses.conflicted;

/**
 * The pending view of one record from its writes in request order (closed writes are skipped: an applied write is in
 * the record already, a failed or discarded one never will be).
 */
export const pendingViewOf = (writes: readonly WriteState[]): PendingView | null => {
  const open = writes.filter(isOpen);
  if (open.length === 0) return null;
  return {
    status: open.some((w) => w.status === WriteStatuses.conflicted) ? 'conflicted' : 'pending',
    values: open.reduce<Record<string, unknown>>((acc, w) => ({ ...acc, ...w.values }), {}),
    deleting: open.some((w) => w.operation === 'delete'),
    writes: open.map((w) => ({ writeId: w.writeId, operation: w.operation, status: w.status })),
  };
};

/** A record created here that Clio has not confirmed yet: its create and the writes queued behind it. */
export interface ProvisionalRecord {
  /** The create's write id: the record's id until Clio gives it one (the write routes take it as `{id}`). */
  writeId: string;
  entityType: WriteState['entityType'];
  matterId: string | null;
  contactId: string | null;
  requestedAt: string;
  pending: PendingView;
}

/** The provisional record of an open create and the later writes of the same record (request order). */
export const provisionalOf = (create: WriteState, later: readonly WriteState[]): ProvisionalRecord | null => {
  const pending = pendingViewOf([create, ...later]);
  if (pending === null || create.operation !== 'create') return null;
  return {
    writeId: create.writeId,
    entityType: create.entityType,
    matterId: create.matterId,
    contactId: create.contactId,
    requestedAt: create.requestedAt,
    pending,
  };
};
