import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import { TREE_ENTITY_TYPES, mirrorTableOf, type ClioEntityType } from './entity-types';
import type { MirrorRecord } from './mirror-row';
import type { MirrorSource } from './mirror-source';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';

/** A record ready to upsert: its columns plus who observed it and where in the log. */
export interface MirrorRow extends MirrorRecord {
  firmId: string;
  jobId: string;
  position: LogPosition;
  /** Event time of the observation (ISO): the row's `last_synced_at`. */
  syncedAt: string;
  source: MirrorSource;
}

/** A row as one element of the `jsonb_to_recordset` the upserts read. */
export const mirrorRowJson = (r: MirrorRow): Record<string, unknown> => ({
  firm_id: r.firmId,
  id: r.id,
  etag: r.etag,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
  data: r.data,
  is_soft_deleted: r.isSoftDeleted,
  is_redacted: r.isRedacted,
  deleted_at: r.deletedAt,
  matter_id: r.matterId,
  parent_id: r.parentId,
  job_id: r.jobId,
  tx: r.position.txId.toString(),
  gp: r.position.position.toString(),
  synced_at: r.syncedAt,
  source: r.source,
});

/** A mirror row the upsert wrote: (firm, id). */
export interface WrittenKey {
  firmId: string;
  id: string;
}

/**
 * One set-based upsert of many rows into an entity type's mirror table. Rows must have distinct (firm, id): the
 * caller keeps the latest observation of each. A row only overwrites one written by an earlier log position, so
 * replaying events changes nothing. A live observation of a soft-deleted row restores it and records the job.
 * Returns the rows it wrote (not those a later observation already holds): their details follow them.
 */
export const upsertMirrorRows = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  rows: readonly MirrorRow[],
): Promise<WrittenKey[]> => {
  if (rows.length === 0) return [];
  const t = sql.table(mirrorTableOf(entityType));
  const tree = TREE_ENTITY_TYPES.has(entityType);
  const treeCols = tree ? sql`parent_id,` : sql``;
  const treeVals = tree ? sql`r.parent_id,` : sql``;
  const treeSet = tree ? sql`parent_id = excluded.parent_id,` : sql``;
  // Raw SQL: a bulk upsert from jsonb_to_recordset into a table chosen at run time; the builder has no form for it.
  const written = await sql<{ firm_id: string; id: string }>`
    insert into ${t} as m (firm_id, id, etag, created_at, updated_at, data, is_soft_deleted, is_redacted, deleted_at,
      matter_id, ${treeCols} last_job_id, restored_by_job, last_tx_id, last_global_position, last_synced_at, last_source)
    select r.firm_id, r.id, r.etag, r.created_at, r.updated_at, r.data, r.is_soft_deleted, r.is_redacted, r.deleted_at,
      r.matter_id, ${treeVals} r.job_id, null, r.tx, r.gp, r.synced_at, r.source
    from jsonb_to_recordset(${JSON.stringify(rows.map(mirrorRowJson))}::jsonb) as r(
      firm_id text, id text, etag text, created_at timestamptz, updated_at timestamptz, data jsonb,
      is_soft_deleted boolean, is_redacted boolean, deleted_at timestamptz, matter_id text, parent_id text, job_id text, tx bigint, gp bigint,
      synced_at timestamptz, source text)
    on conflict (firm_id, id) do update set
      etag = excluded.etag, created_at = excluded.created_at, updated_at = excluded.updated_at, data = excluded.data,
      is_soft_deleted = excluded.is_soft_deleted, is_redacted = excluded.is_redacted, deleted_at = excluded.deleted_at,
      matter_id = excluded.matter_id,
      ${treeSet}
      last_job_id = excluded.last_job_id,
      restored_by_job = case
        when excluded.is_soft_deleted then null
        when m.is_soft_deleted then excluded.last_job_id
        else m.restored_by_job end,
      last_tx_id = excluded.last_tx_id, last_global_position = excluded.last_global_position,
      last_synced_at = excluded.last_synced_at, last_source = excluded.last_source
    where (m.last_tx_id, m.last_global_position) < (excluded.last_tx_id, excluded.last_global_position)
    returning m.firm_id, m.id`.execute(db);
  return written.rows.map((r) => ({ firmId: r.firm_id, id: r.id }));
};

export interface SweepApplication {
  firmId: string;
  jobId: string;
  ids: readonly string[];
  /** Event time of the sweep (ISO): the soft-delete time of rows Clio did not date. */
  at: string;
  position: LogPosition;
  source: MirrorSource;
  /** Only rows no event at or after this position has written (an approved held sweep: the hold's position). */
  writtenBefore?: LogPosition;
}

/**
 * Soft-deletes swept rows that no later event has written (a later observation wins; replays are no-ops); returns
 * the ids it soft-deleted.
 */
export const applySweep = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  s: SweepApplication,
): Promise<string[]> => {
  if (s.ids.length === 0) return [];
  const tx = s.position.txId.toString();
  const gp = s.position.position.toString();
  const guard = s.writtenBefore ?? s.position;
  const written = await sql<{ id: string }>`
    update ${sql.table(mirrorTableOf(entityType))} set
      is_soft_deleted = true, deleted_at = coalesce(deleted_at, ${s.at}::timestamptz), restored_by_job = null,
      last_job_id = ${s.jobId}, last_tx_id = ${tx}::bigint, last_global_position = ${gp}::bigint,
      last_synced_at = ${s.at}::timestamptz, last_source = ${s.source}
    where firm_id = ${s.firmId} and id = any(${s.ids}::text[])
      and (last_tx_id, last_global_position) < (${guard.txId.toString()}::bigint, ${guard.position.toString()}::bigint)
    returning id`.execute(db);
  return written.rows.map((r) => r.id);
};
