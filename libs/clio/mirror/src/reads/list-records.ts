import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '@sf/db';
import { TREE_ENTITY_TYPES, mirrorTableOf, type ClioEntityType } from '../entity-types';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';
import { detailsColumn } from './detail-reads';
import type { MirrorReadRow } from './record-view';

/** Sort keys of the mirror lists (wire names of `sort`; `-` prefix = descending). */
export const MirrorSortKeys = { id: 'id', updatedAt: 'updated_at', createdAt: 'created_at' } as const;
export type MirrorSortKey = (typeof MirrorSortKeys)[keyof typeof MirrorSortKeys];

export interface MirrorSort {
  key: MirrorSortKey;
  desc: boolean;
}

/** Where the previous page ended: the last row's sort value (ISO, or null for an undated row) and id. */
export interface MirrorAfter {
  value: string | null;
  id: string;
}

/** Filters of the matters list (joined with `clio_matter_fields`). */
export interface MatterFilters {
  status?: string;
  practiceAreaId?: string;
  clientId?: string;
  /** Case-insensitive substring of the display number or the description. */
  text?: string;
}

export interface MirrorListQuery {
  firmId: string;
  entityType: ClioEntityType;
  includeDeleted: boolean;
  matterId?: string;
  /** Contact notes: only those on this contact (`data.contact.id`; the table has no contact column). */
  contactId?: string;
  /** Folders and documents: only those whose parent is one of these folders. */
  parentIds?: readonly string[];
  /** Only these ids (one record). */
  ids?: readonly string[];
  updatedSince?: Date;
  matter?: MatterFilters;
  sort: MirrorSort;
  after: MirrorAfter | null;
  /** Rows to read: the page size plus one, so the caller knows whether another page follows. */
  limit: number;
}

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Keyset condition past `after` for a sort on a nullable time: ascending puts undated rows last, descending first
 * (the order of a forward or backward scan of the `(firm_id, <time>, id)` index).
 */
const pastTime = (col: RawBuilder<unknown>, desc: boolean, a: MirrorAfter): RawBuilder<unknown> => {
  if (!desc)
    return a.value === null
      ? sql`(${col} is null and t.id > ${a.id})`
      : sql`((${col}, t.id) > (${a.value}::timestamptz, ${a.id}) or ${col} is null)`;
  return a.value === null
    ? sql`((${col} is null and t.id < ${a.id}) or ${col} is not null)`
    : sql`((${col}, t.id) < (${a.value}::timestamptz, ${a.id}))`;
};

const orderBy = (s: MirrorSort): RawBuilder<unknown> => {
  const dir = sql.raw(s.desc ? 'desc' : 'asc');
  if (s.key === 'id') return sql`t.id ${dir}`;
  const nulls = sql.raw(s.desc ? 'nulls first' : 'nulls last');
  return sql`${sql.ref(`t.${s.key}`)} ${dir} ${nulls}, t.id ${dir}`;
};

const conditions = (q: MirrorListQuery): RawBuilder<unknown>[] => {
  const c: RawBuilder<unknown>[] = [sql`t.firm_id = ${q.firmId}`];
  if (!q.includeDeleted) c.push(sql`not t.is_soft_deleted`);
  if (q.ids) c.push(sql`t.id = any(${[...q.ids]}::text[])`);
  if (q.matterId !== undefined) c.push(sql`t.matter_id = ${q.matterId}`);
  if (q.contactId !== undefined) c.push(sql`t.data->'contact'->>'id' = ${q.contactId}`);
  if (q.parentIds) c.push(sql`t.parent_id = any(${[...q.parentIds]}::text[])`);
  if (q.updatedSince) c.push(sql`t.updated_at >= ${q.updatedSince.toISOString()}::timestamptz`);
  const m = q.matter;
  if (m) {
    if (m.status !== undefined) c.push(sql`f.status = ${m.status}`);
    if (m.practiceAreaId !== undefined) c.push(sql`f.practice_area_id = ${m.practiceAreaId}`);
    if (m.clientId !== undefined) c.push(sql`f.client_id = ${m.clientId}`);
    if (m.text !== undefined) {
      const p = likePattern(m.text);
      c.push(sql`(f.display_number ilike ${p} or t.data->>'description' ilike ${p})`);
    }
  }
  if (q.after) {
    const { key, desc } = q.sort;
    if (key === 'id') c.push(desc ? sql`t.id < ${q.after.id}` : sql`t.id > ${q.after.id}`);
    else c.push(pastTime(sql.ref(`t.${key}`), desc, q.after));
  }
  return c;
};

/**
 * One page of an entity type's mirror rows, filtered, sorted and keyset-paged, each with its details: one
 * statement (raw SQL: the table is chosen at run time, and the details are correlated jsonb subqueries).
 */
export const listMirrorRecords = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  q: MirrorListQuery,
): Promise<MirrorReadRow[]> => {
  const tree = TREE_ENTITY_TYPES.has(q.entityType) ? sql`t.parent_id,` : sql``;
  const join = q.matter ? sql`left join clio_matter_fields f on f.firm_id = t.firm_id and f.matter_id = t.id` : sql``;
  const r = await sql<MirrorReadRow>`
    select t.id, t.etag, t.created_at, t.updated_at, t.matter_id, ${tree} t.is_soft_deleted, t.deleted_at,
      t.is_redacted, t.data, t.last_synced_at, t.last_source, t.last_job_id, ${detailsColumn(q.entityType)} as details
    from ${sql.table(mirrorTableOf(q.entityType))} t ${join}
    where ${sql.join(conditions(q), sql` and `)}
    order by ${orderBy(q.sort)}
    limit ${q.limit}`.execute(db);
  return r.rows;
};

/** The value of a row's sort key, as its cursor keeps it. */
export const sortValueOf = (r: MirrorReadRow, key: MirrorSortKey): string | null => {
  if (key === 'id') return r.id;
  const d = key === 'updated_at' ? r.updated_at : r.created_at;
  return d === null ? null : d.toISOString();
};
