import { sql, type ExpressionBuilder } from 'kysely';
import { tablesOf, type Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import { mirrorTableOf, type ClioEntityType } from './entity-types';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';

/** A process's handle seen through this owner's tables. */
const mirror = <DB extends ClioMirrorTables>(db: Executor<DB>): Executor<ClioMirrorTables> =>
  tablesOf<ClioMirrorTables, DB>(db);

// Read queries over the mirror for the fetcher's deletion checks and for tests. A matter scope narrows every
// table to that matter's rows (`matter_id`; a matter row's is its own id).

/** Half-open range of creation instants (ISO): null bounds are open. A null `from` includes undated rows. */
export interface CreatedRange {
  from: string | null;
  to: string | null;
}

/**
 * The live rows of a scope. Every mirror table has the same columns (documents and folders also parent_id); the
 * query is typed against the documents table.
 */
const liveRows = <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  matterId: string | null = null,
) => {
  const q = mirror(db)
    .selectFrom(mirrorTableOf(e) as 'clio_documents')
    .where('firm_id', '=', firmId)
    .where('is_soft_deleted', '=', false);
  return matterId !== null ? q.where('matter_id', '=', matterId) : q;
};

const createdIn =
  (r: CreatedRange) => (eb: ExpressionBuilder<Pick<ClioMirrorTables, 'clio_documents'>, 'clio_documents'>) =>
    eb.and([
      ...(r.from === null ? [] : [eb('created_at', '>=', new Date(r.from))]),
      ...(r.to === null ? [] : [eb('created_at', '<', new Date(r.to))]),
    ]);

/**
 * Live rows of the scope that no event at or after `before` has written: for a sweep, `before` is the position of
 * the listing's first page, so these are the rows the complete listing did not contain, minus rows another job
 * observed while the listing ran (created meanwhile: never deleted).
 */
export const sweepCandidates = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  matterId: string | null,
  before: LogPosition,
): Promise<string[]> => {
  const rows = await liveRows(db, e, firmId, matterId)
    .select('id')
    .where((eb) =>
      eb(
        eb.refTuple('last_tx_id', 'last_global_position'),
        '<',
        eb.tuple(before.txId.toString(), before.position.toString()),
      ),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
};

export const liveCount = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  matterId: string | null,
): Promise<number> => {
  const row = await liveRows(db, e, firmId, matterId)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

/** Ids of the live rows of a scope, in id order. */
export const liveIds = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  matterId: string | null,
): Promise<string[]> => (await liveRows(db, e, firmId, matterId).select('id').orderBy('id').execute()).map((r) => r.id);

/** Rows of the scope that a listing of `jobId` brought back from soft-deleted. */
export const restoredIds = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  jobId: string,
  matterId: string | null,
): Promise<string[]> => {
  let q = mirror(db)
    .selectFrom(mirrorTableOf(e) as 'clio_documents')
    .select('id')
    .where('firm_id', '=', firmId)
    .where('restored_by_job', '=', jobId);
  if (matterId !== null) q = q.where('matter_id', '=', matterId);
  return (await q.orderBy('id').execute()).map((r) => r.id);
};

/** Live rows created in the range (firm-wide). */
export const liveCountCreated = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  r: CreatedRange,
): Promise<number> => {
  const q = liveRows(db, e, firmId)
    .where(createdIn(r))
    .select((eb) => eb.fn.countAll<string>().as('n'));
  const row = await (r.from === null ? q : q.where('created_at', 'is not', null)).executeTakeFirst();
  return Number(row?.n ?? 0);
};

/** The median creation instant of live rows in the range, as ISO; null when the range has no dated row. */
export const medianCreated = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  r: CreatedRange,
): Promise<string | null> => {
  const row = await liveRows(db, e, firmId)
    .where('created_at', 'is not', null)
    .where(createdIn(r))
    // An ordered-set aggregate: Kysely's builder has no form for `within group`.
    .select(sql<Date | null>`percentile_disc(0.5) within group (order by created_at)`.as('t'))
    .executeTakeFirst();
  return row?.t ? new Date(row.t).toISOString() : null;
};

/** The earliest creation instant of a live row in the range strictly after `after` (ISO), or null. */
export const nextCreatedAfter = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  r: CreatedRange,
  after: string,
): Promise<string | null> => {
  const row = await liveRows(db, e, firmId)
    .where('created_at', '>', new Date(after))
    .where(createdIn(r))
    .select((eb) => eb.fn.min('created_at').as('t'))
    .executeTakeFirst();
  return row?.t ? new Date(row.t).toISOString() : null;
};

/** Ids of live rows created in the range, at most `limit`, oldest first. */
export const liveIdsCreated = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
  r: CreatedRange,
  limit: number,
): Promise<string[]> => {
  const rows = await liveRows(db, e, firmId)
    .where(createdIn(r))
    .select('id')
    .orderBy('created_at', (ob) => ob.asc().nullsFirst())
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((x) => x.id);
};

export interface MirrorEntry {
  id: string;
  etag: string;
  isSoftDeleted: boolean;
  isRedacted: boolean;
}

/** Every row of an entity type for a firm, ordered by id (tests compare it with Clio's ground truth). */
export const mirrorEntries = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  e: ClioEntityType,
  firmId: string,
): Promise<MirrorEntry[]> => {
  const rows = await mirror(db)
    .selectFrom(mirrorTableOf(e) as 'clio_documents')
    .select(['id', 'etag', 'is_soft_deleted', 'is_redacted'])
    .where('firm_id', '=', firmId)
    .execute();
  return rows
    .map((r) => ({ id: r.id, etag: r.etag, isSoftDeleted: r.is_soft_deleted, isRedacted: r.is_redacted }))
    .sort((a, b) => compareIds(a.id, b.id));
};

/** Numeric ids in numeric order, others after them in text order. */
export const compareIds = (a: string, b: string): number => {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};
