import { ChangeSources, SyncModes, type ChangeSource, type SyncMode } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { LogPosition } from '@sf/event-store';
import type { ClioEntityType } from '../entity-types';
import type { MirrorRow } from '../mirror-store';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';
import { changeIdOf } from './change-id';
import { insertChanges, readStates, stateKey, type ChangeRow, type StoredState } from './change-store';
import { decideChange, type RecordState } from './record-change';

/** Who observed a write: the change's source and job (null for webhooks and write-backs). */
export interface ChangeOrigin {
  source: ChangeSource;
  jobId: string | null;
}

/** The change source of a sync page: a complete listing is an initial sync, unless it was incremental. */
export const pageChangeSource = (mode: SyncMode | undefined): ChangeSource =>
  mode === SyncModes.incremental ? ChangeSources.incrementalSync : ChangeSources.initialSync;

/** One observation of a record in a page, in log order. */
export interface ChainLink {
  row: MirrorRow;
  origin: ChangeOrigin;
}

const stateOf = (r: MirrorRow): RecordState => ({
  etag: r.etag,
  updatedAt: r.updatedAt,
  deletedAt: r.deletedAt,
  isSoftDeleted: r.isSoftDeleted,
  data: r.data,
});

const changeRow = (
  entityType: ClioEntityType,
  firmId: string,
  id: string,
  after: RecordState,
  at: { position: LogPosition; observedAt: string },
  origin: ChangeOrigin,
  before: RecordState | null,
): ChangeRow | null => {
  const change = decideChange(before, after);
  if (change === null) return null;
  return {
    changeId: changeIdOf(firmId, entityType, id, at.position),
    firmId,
    entityType,
    recordId: id,
    position: at.position,
    kind: change.kind,
    fields: change.fields,
    etag: after.etag,
    updatedAt: after.updatedAt,
    deletedAt: after.isSoftDeleted ? after.deletedAt : null,
    source: origin.source,
    jobId: origin.jobId,
    observedAt: at.observedAt,
  };
};

/**
 * Changes of a batch's pages of one entity type: each record's observations are folded in log order from its row
 * before the batch, one change per observation that differs from the one before it. The mirror upsert writes only
 * the last observation, but the changes are those of every event, so they do not depend on how the log was cut
 * into batches (a rebuild derives the same changes). An observation at or before the row's position is a replay.
 */
export const recordPageChanges = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  chains: ReadonlyMap<string, readonly ChainLink[]>,
  before: ReadonlyMap<string, StoredState>,
): Promise<void> => {
  const changes: ChangeRow[] = [];
  for (const [key, links] of chains) {
    let state: StoredState | null = before.get(key) ?? null;
    for (const { row, origin } of links) {
      if (state && LogPosition.compare(row.position, state.position) <= 0) continue;
      const after = stateOf(row);
      const at = { position: row.position, observedAt: row.syncedAt };
      const c = changeRow(entityType, row.firmId, row.id, after, at, origin, state);
      if (c) changes.push(c);
      state = { ...after, position: row.position };
    }
  }
  await insertChanges(db, changes);
};

/** The row states a page flush is about to overwrite (read before the upsert, in its transaction). */
export const statesBefore = <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  chains: ReadonlyMap<string, readonly ChainLink[]>,
): Promise<Map<string, StoredState>> =>
  readStates(
    db,
    entityType,
    [...chains.values()].map((links) => ({ firmId: links[0]!.row.firmId, id: links[0]!.row.id })),
  );

/** A record an event may write, with that event's place and origin. */
export interface CapturedWrite {
  firmId: string;
  id: string;
  at: { position: LogPosition; observedAt: string };
  origin: ChangeOrigin;
}

/**
 * Runs `write` (a webhook observation, a deletion, a sweep: one event's write) and records the change of every row
 * it wrote, comparing the rows before and after it in the same transaction. A row the event did not write (a later
 * one holds it, or the guard refused it) has no change.
 */
export const captureChanges = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  firmId: string,
  ids: readonly string[],
  at: { position: LogPosition; observedAt: string },
  origin: ChangeOrigin,
  write: () => Promise<unknown>,
): Promise<void> =>
  captureWrites(
    db,
    entityType,
    [...new Set(ids)].map((id) => ({ firmId, id, at, origin })),
    write,
  );

/**
 * `captureChanges` for the writes of several events at once (distinct records, each with its own event): a row
 * changed when the write left it at that record's event position.
 */
export const captureWrites = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  writes: readonly CapturedWrite[],
  write: () => Promise<unknown>,
): Promise<void> => {
  const keys = writes.map(({ firmId, id }) => ({ firmId, id }));
  const before = await readStates(db, entityType, keys);
  await write();
  const after = await readStates(db, entityType, keys);
  const changes: ChangeRow[] = [];
  for (const w of writes) {
    const key = stateKey(w.firmId, w.id);
    const a = after.get(key);
    if (!a || LogPosition.compare(a.position, w.at.position) !== 0) continue;
    const c = changeRow(entityType, w.firmId, w.id, a, w.at, w.origin, before.get(key) ?? null);
    if (c) changes.push(c);
  }
  await insertChanges(db, changes);
};
