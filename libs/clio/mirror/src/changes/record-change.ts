import { isDeepStrictEqual } from 'node:util';
import { ChangeKinds, type ChangeKind, type FieldChange } from '@sf/contracts';

/** What a change compares: a mirror row's Clio-facing state (data as fetched, deletion, etag, `updated_at`). */
export interface RecordState {
  etag: string;
  updatedAt: string | null;
  deletedAt: string | null;
  isSoftDeleted: boolean;
  data: Record<string, unknown>;
}

export interface RecordChange {
  kind: ChangeKind;
  fields: Record<string, FieldChange>;
}

/** Top-level fields whose values differ (key order ignored); an absent field reads as null. */
export const changedFields = (
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, FieldChange> => {
  const out: Record<string, FieldChange> = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[name] ?? null;
    const now = after[name] ?? null;
    if (!isDeepStrictEqual(old, now)) out[name] = { old, new: now };
  }
  return out;
};

/**
 * The change from `before` (null: not mirrored yet) to `after`, or null when nothing a subscriber sees changed: a
 * record fetched again with the same data and deletion state is no change, whatever its etag (Clio moves the etag
 * for fields we do not request). Deletion state wins over field changes: a trashed document is `deleted`, with the
 * fields that changed with it.
 */
export const decideChange = (before: RecordState | null, after: RecordState): RecordChange | null => {
  if (before === null) {
    // Every field, null ones included: a record's history starts from its whole first state.
    const fields = Object.fromEntries(Object.entries(after.data).map(([k, v]) => [k, { old: null, new: v ?? null }]));
    return { kind: ChangeKinds.created, fields };
  }
  const fields = changedFields(before.data, after.data);
  if (!before.isSoftDeleted && after.isSoftDeleted) return { kind: ChangeKinds.deleted, fields };
  if (before.isSoftDeleted && !after.isSoftDeleted) return { kind: ChangeKinds.restored, fields };
  return Object.keys(fields).length === 0 ? null : { kind: ChangeKinds.updated, fields };
};
