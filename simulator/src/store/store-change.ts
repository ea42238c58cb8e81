import type { RecordOf } from './records';
import type { ChangeKind, Resource } from './resources';

/** One entry of the change feed. `record` is the record after the change (for `deleted`: as it was when deleted). */
export interface StoreChange<R extends Resource = Resource> {
  resource: R;
  id: number;
  kind: ChangeKind;
  record: RecordOf<R>;
  /**
   * Record keys whose value changed: all given keys for `created`, `['deleted_at']` for a trash, [] for a hard delete.
   * Keys are the stored names (`client_id`, not `client`); `wireFieldsOf(resource, keys)` maps them to wire fields.
   */
  changedFields: readonly string[];
  /** epoch ms (store clock) */
  at: number;
}
export type ChangeListener = (change: StoreChange) => void;

export type UpdateResult<R extends Resource> =
  | { ok: true; record: RecordOf<R>; changed: readonly string[] }
  | { ok: false; reason: 'not_found' | 'precondition_failed' };
export type DeleteResult<R extends Resource> =
  { ok: true; record: RecordOf<R>; trashed: boolean } | { ok: false; reason: 'not_found' };
