import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import { mirrorTableOf, TREE_ENTITY_TYPES, type ClioEntityType } from './entity-types';

// Read queries over the mirror for the fetcher's deletion checks and for tests. A matter scope narrows
// documents and folders to that matter (other entity types are always firm-wide).

/** Half-open range of creation instants (ISO): null bounds are open. A null `from` includes undated rows. */
export interface CreatedRange {
  from: string | null;
  to: string | null;
}

const table = (e: ClioEntityType): RawBuilder<unknown> => sql.table(mirrorTableOf(e));

const inScope = (e: ClioEntityType, matterId: string | null): RawBuilder<unknown> =>
  matterId !== null && TREE_ENTITY_TYPES.has(e) ? sql`and matter_id = ${matterId}` : sql``;

const inRange = (r: CreatedRange): RawBuilder<unknown> => sql`
  and ${r.from === null ? sql`true` : sql`created_at >= ${r.from}::timestamptz`}
  and ${r.to === null ? sql`true` : sql`created_at < ${r.to}::timestamptz`}`;

/**
 * Live rows of the scope that no event at or after `before` has written: for a sweep, `before` is the position of
 * the listing's first page, so these are the rows the complete listing did not contain, minus rows another job
 * observed while the listing ran (created meanwhile: never deleted).
 */
export const sweepCandidates = async (
  db: Executor, e: ClioEntityType, firmId: string, matterId: string | null, before: LogPosition,
): Promise<string[]> => {
  const { rows } = await sql<{ id: string }>`
    select id from ${table(e)}
    where firm_id = ${firmId} and not is_soft_deleted ${inScope(e, matterId)}
      and (last_tx_id, last_global_position) < (${before.txId.toString()}::bigint, ${before.position.toString()}::bigint)
    order by id`.execute(db);
  return rows.map((r) => r.id);
};

export const liveCount = async (db: Executor, e: ClioEntityType, firmId: string, matterId: string | null): Promise<number> => {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ${table(e)} where firm_id = ${firmId} and not is_soft_deleted ${inScope(e, matterId)}`.execute(db);
  return rows[0]?.n ?? 0;
};

/** Rows of the scope that a listing of `jobId` brought back from soft-deleted. */
export const restoredIds = async (db: Executor, e: ClioEntityType, firmId: string, jobId: string, matterId: string | null): Promise<string[]> => {
  const { rows } = await sql<{ id: string }>`
    select id from ${table(e)} where firm_id = ${firmId} and restored_by_job = ${jobId} ${inScope(e, matterId)} order by id`.execute(db);
  return rows.map((r) => r.id);
};

/** Live rows created in the range (firm-wide). */
export const liveCountCreated = async (db: Executor, e: ClioEntityType, firmId: string, r: CreatedRange): Promise<number> => {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ${table(e)}
    where firm_id = ${firmId} and not is_soft_deleted ${inRange(r)}
      ${r.from === null ? sql`` : sql`and created_at is not null`}`.execute(db);
  return rows[0]?.n ?? 0;
};

/** The median creation instant of live rows in the range, as ISO; null when the range has no dated row. */
export const medianCreated = async (db: Executor, e: ClioEntityType, firmId: string, r: CreatedRange): Promise<string | null> => {
  const { rows } = await sql<{ t: Date | null }>`
    select percentile_disc(0.5) within group (order by created_at) as t from ${table(e)}
    where firm_id = ${firmId} and not is_soft_deleted and created_at is not null ${inRange(r)}`.execute(db);
  const t = rows[0]?.t;
  return t ? new Date(t).toISOString() : null;
};

/** The earliest creation instant of a live row in the range strictly after `after` (ISO), or null. */
export const nextCreatedAfter = async (db: Executor, e: ClioEntityType, firmId: string, r: CreatedRange, after: string): Promise<string | null> => {
  const { rows } = await sql<{ t: Date | null }>`
    select min(created_at) as t from ${table(e)}
    where firm_id = ${firmId} and not is_soft_deleted and created_at > ${after}::timestamptz ${inRange(r)}`.execute(db);
  const t = rows[0]?.t;
  return t ? new Date(t).toISOString() : null;
};

/** Ids of live rows created in the range, at most `limit`, oldest first. */
export const liveIdsCreated = async (db: Executor, e: ClioEntityType, firmId: string, r: CreatedRange, limit: number): Promise<string[]> => {
  const { rows } = await sql<{ id: string }>`
    select id from ${table(e)} where firm_id = ${firmId} and not is_soft_deleted ${inRange(r)}
    order by created_at nulls first, id limit ${limit}`.execute(db);
  return rows.map((x) => x.id);
};

export interface MirrorEntry {
  id: string;
  etag: string;
  isSoftDeleted: boolean;
}

/** Every row of an entity type for a firm, ordered by id (tests compare it with Clio's ground truth). */
export const mirrorEntries = async (db: Executor, e: ClioEntityType, firmId: string): Promise<MirrorEntry[]> => {
  const { rows } = await sql<{ id: string; etag: string; is_soft_deleted: boolean }>`
    select id, etag, is_soft_deleted from ${table(e)} where firm_id = ${firmId}`.execute(db);
  return rows.map((r) => ({ id: r.id, etag: r.etag, isSoftDeleted: r.is_soft_deleted })).sort((a, b) => compareIds(a.id, b.id));
};

/** Numeric ids in numeric order, others after them in text order. */
export const compareIds = (a: string, b: string): number => {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
};
