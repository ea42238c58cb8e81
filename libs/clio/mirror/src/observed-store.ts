import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import { TREE_ENTITY_TYPES, mirrorTableOf, type ClioEntityType } from './entity-types';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';
import { mirrorRowJson, type MirrorRow, type WrittenKey } from './mirror-store';
import { MirrorSources, type MirrorSource } from './mirror-source';
import { clioIdOf, instantOf } from './mirror-row';

/** A row observed through a webhook; `supersedes`: the etag of a same-second version it is known to follow. */
export type ObservedRow = MirrorRow & { supersedes?: string };

/**
 * Upserts records observed through webhooks, which arrive late, twice or out of order: a row is written only by a
 * later log position AND a newer Clio `updated_at`. Clio's timestamps have one-second precision, so an equal
 * `updated_at` with another etag does not say which version is newer: a delivery's payload (`readBack` false) may be
 * a late copy of an older version and is not written (the applier fetches such ids instead, see
 * `contestedIds`, and the ones it could not know of are noted in `clio_mirror_ties` for it to fetch); a record read back from Clio after the change (`readBack`: a fetch by `ids[]`, Clio's answer to
 * our write) is the current version and wins, and so does a payload over exactly the version it `supersedes` (an
`updated` delivery over the `created` one of its second, see ClioRecordsObservedV2). A row deleted through a webhook comes back only with an `updated_at`
 * after its deletion (a document restored from the trash). Returns the rows written.
 */
export const upsertObservedRows = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  rows: readonly ObservedRow[],
  readBack: boolean,
): Promise<WrittenKey[]> => {
  if (rows.length === 0) return [];
  const t = sql.table(mirrorTableOf(entityType));
  const superseding = rows.some((r) => r.supersedes !== undefined);
  const sameSecond = readBack
    ? sql`or (excluded.updated_at = m.updated_at and excluded.etag is distinct from m.etag)`
    : superseding
      ? sql`or (excluded.updated_at = m.updated_at and m.etag = (select s.supersedes from r s
          where s.firm_id = excluded.firm_id and s.id = excluded.id))`
      : sql``;
  const tree = TREE_ENTITY_TYPES.has(entityType);
  const treeCols = tree ? sql`parent_id,` : sql``;
  const treeVals = tree ? sql`r.parent_id,` : sql``;
  const treeSet = tree ? sql`parent_id = excluded.parent_id,` : sql``;
  // Raw SQL: a bulk upsert from jsonb_to_recordset into a table chosen at run time; the builder has no form for it.
  const json = rows.map((r) => ({ ...mirrorRowJson(r), supersedes: r.supersedes ?? null }));
  // A payload refused only for its second (the row holds another version of it, not the one it supersedes) is noted
  // for the applier to fetch (`refusedTies`); the statement's snapshot is the rows as they were before it.
  const noteTies = readBack
    ? sql``
    : sql`, tie as (
      insert into clio_mirror_ties as q (firm_id, entity_type, record_id, tx, gp, updated_at)
      select r.firm_id, ${entityType}, r.id, r.tx, r.gp, r.updated_at
      from r join ${t} m on m.firm_id = r.firm_id and m.id = r.id
      where (m.last_tx_id, m.last_global_position) < (r.tx, r.gp) and not m.is_soft_deleted
        and r.updated_at = m.updated_at and m.etag is distinct from r.etag
        and (r.supersedes is null or m.etag is distinct from r.supersedes)
      on conflict (firm_id, entity_type, record_id) do update
        set tx = excluded.tx, gp = excluded.gp, updated_at = excluded.updated_at
        where (q.tx, q.gp) < (excluded.tx, excluded.gp))`;
  // `settled`: a tie noted earlier is settled by a write that moves the row past its second, a version newer than
  // both tied ones, so its fetch would tell nothing (a mirror rebuild re-notes old ties, and later changes follow).
  const written = await sql<{ firm_id: string; id: string }>`
    with r as (select * from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as r(
      firm_id text, id text, etag text, created_at timestamptz, updated_at timestamptz, data jsonb,
      is_soft_deleted boolean, is_redacted boolean, deleted_at timestamptz, matter_id text, parent_id text, job_id text,
      tx bigint, gp bigint, synced_at timestamptz, source text, supersedes text))${noteTies},
    w as (insert into ${t} as m (firm_id, id, etag, created_at, updated_at, data, is_soft_deleted, is_redacted, deleted_at,
      matter_id, ${treeCols} last_job_id, restored_by_job, last_tx_id, last_global_position, last_synced_at, last_source)
    select r.firm_id, r.id, r.etag, r.created_at, r.updated_at, r.data, r.is_soft_deleted, r.is_redacted, r.deleted_at,
      r.matter_id, ${treeVals} r.job_id, null, r.tx, r.gp, r.synced_at, r.source
    from r
    on conflict (firm_id, id) do update set
      etag = excluded.etag, created_at = excluded.created_at, updated_at = excluded.updated_at, data = excluded.data,
      is_soft_deleted = excluded.is_soft_deleted, is_redacted = excluded.is_redacted, deleted_at = excluded.deleted_at,
      matter_id = excluded.matter_id,
      ${treeSet}
      last_job_id = excluded.last_job_id,
      restored_by_job = case when m.is_soft_deleted and not excluded.is_soft_deleted then excluded.last_job_id
        else m.restored_by_job end,
      last_tx_id = excluded.last_tx_id, last_global_position = excluded.last_global_position,
      last_synced_at = excluded.last_synced_at, last_source = excluded.last_source
    where (m.last_tx_id, m.last_global_position) < (excluded.last_tx_id, excluded.last_global_position)
      and excluded.updated_at is not null
      and (m.updated_at is null or excluded.updated_at > m.updated_at ${sameSecond})
      and (not m.is_soft_deleted or m.deleted_at is null or excluded.updated_at > m.deleted_at)
    returning m.firm_id, m.id, m.updated_at, m.last_tx_id, m.last_global_position),
    settled as (delete from clio_mirror_ties q using w
      where q.firm_id = w.firm_id and q.entity_type = ${entityType} and q.record_id = w.id
        and (q.tx, q.gp) < (w.last_tx_id, w.last_global_position) and q.updated_at < w.updated_at)
    select firm_id, id from w`.execute(db);
  return written.rows.map((r) => ({ firmId: r.firm_id, id: r.id }));
};

export interface ObservedDeletion {
  firmId: string;
  jobId: string;
  ids: readonly string[];
  /** When the deletion was received (Clio's payload carries no time): the tombstone's `deleted_at`. */
  at: string;
  position: LogPosition;
  /** Default a webhook; a delete we wrote back is `write_back`. */
  source?: MirrorSource;
}

/**
 * Marks rows Clio reported deleted. Like a sweep, every entity type keeps a soft-deleted tombstone row (documents and
 * folders are in Clio's trash; the others are gone): the tombstone is what stops a late `updated` delivery of a
 * deleted record from bringing it back. Replays change nothing.
 */
export const applyObservedDeletion = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  d: ObservedDeletion,
): Promise<void> => {
  if (d.ids.length === 0) return;
  const tx = d.position.txId.toString();
  const gp = d.position.position.toString();
  await sql`
    update ${sql.table(mirrorTableOf(entityType))} set
      is_soft_deleted = true, deleted_at = coalesce(deleted_at, ${d.at}::timestamptz), restored_by_job = null,
      last_job_id = ${d.jobId}, last_tx_id = ${tx}::bigint, last_global_position = ${gp}::bigint,
      last_synced_at = ${d.at}::timestamptz, last_source = ${d.source ?? MirrorSources.webhook}
    where firm_id = ${d.firmId} and id = any(${d.ids}::text[])
      and (last_tx_id, last_global_position) < (${tx}::bigint, ${gp}::bigint)`.execute(db);
};

/** A record as a delivery carried it, and the firm it belongs to. */
export interface DeliveredRecord {
  firmId: string;
  record: Record<string, unknown>;
}

/**
 * The `firmId`/`id` keys of `delivered` records (of one entity type, any firms) whose mirror row has the same
 * `updated_at` and another etag, with the row's etag: one of the two versions is newer, and a payload cannot say
 * which (see upsertObservedRows), so the applier fetches these ids from Clio instead of writing the payload, unless
 * it knows the row's version is the one a `created` delivery carried. One query.
 */
export const contestedIds = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  delivered: readonly DeliveredRecord[],
): Promise<Map<string, string | null>> => {
  const stamps = delivered.flatMap(({ firmId, record: r }) => {
    const id = clioIdOf(r['id']);
    const updatedAt = instantOf(r['updated_at']);
    const etag = typeof r['etag'] === 'string' ? r['etag'] : null;
    return id === null || updatedAt === null ? [] : [{ firm_id: firmId, id, etag, updated_at: updatedAt }];
  });
  if (stamps.length === 0) return new Map();
  const found = await sql<{ firm_id: string; id: string; etag: string | null }>`
    select m.firm_id, m.id, m.etag from ${sql.table(mirrorTableOf(entityType))} m
    join jsonb_to_recordset(${JSON.stringify(stamps)}::jsonb) as r(firm_id text, id text, etag text, updated_at timestamptz)
      on m.firm_id = r.firm_id and m.id = r.id
    where m.updated_at = r.updated_at and m.etag is distinct from r.etag`.execute(db);
  return new Map(found.rows.map((r) => [contestedKey(r.firm_id, r.id), r.etag]));
};

/** The key `contestedIds` answers with. */
export const contestedKey = (firmId: string, id: string): string => `${firmId}\u0000${id}`;
