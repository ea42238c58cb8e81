import { sql, type Selectable } from 'kysely';
import type { Executor } from '@sf/db';
import type { JobRef } from './matter-sync-fold';
import { matterKeyString, type MatterKey, type MatterSyncRow, type MatterSyncStatus } from './matter-sync-row';
import type { ReadModelTables } from '../schema/read-models.tables';

type DbRow = Selectable<ReadModelTables['matter_sync_state']>;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

const fromDb = (r: DbRow): MatterSyncRow => ({
  firmId: r.firm_id,
  matterId: r.matter_id,
  state: r.state as MatterSyncStatus,
  activeJobId: r.active_job_id,
  lastSyncedAt: iso(r.last_synced_at),
  lastError: r.last_error,
  lastErrorCode: r.last_error_code,
  progressCurrent: r.progress_current,
  progressTotal: r.progress_total,
  blockedUntil: iso(r.blocked_until),
  progress: r.progress,
  updatedAt: r.updated_at.toISOString(),
  lastPosition: { txId: BigInt(r.last_tx_id), position: BigInt(r.last_global_position) },
});

const byMatter = (matters: readonly MatterKey[]) => sql<DbRow>`
  select t.* from matter_sync_state t
    join unnest(${matters.map((m) => m.firmId)}::text[], ${matters.map((m) => m.matterId)}::text[]) as k(firm_id, matter_id)
    on t.firm_id = k.firm_id and t.matter_id = k.matter_id`;

const byActiveJob = (jobs: readonly JobRef[]) => sql<DbRow>`
  select t.* from matter_sync_state t
    join unnest(${jobs.map((j) => j.firmId)}::text[], ${jobs.map((j) => j.jobId)}::text[]) as k(firm_id, job_id)
    on t.firm_id = k.firm_id and t.active_job_id = k.job_id`;

/** Loads the rows a batch touches in one statement of index lookups: by matter, and by (firm, active job). */
export const loadMatterSyncRows = async (
  db: Executor<ReadModelTables>,
  want: { matters: readonly MatterKey[]; jobs: readonly JobRef[] },
): Promise<MatterSyncRow[]> => {
  const parts = [
    ...(want.matters.length ? [byMatter(want.matters)] : []),
    ...(want.jobs.length ? [byActiveJob(want.jobs)] : []),
  ];
  if (parts.length === 0) return [];
  // union all + dedupe here: a plain union would sort or hash whole rows (jsonb included) to drop duplicates.
  const { rows } = await sql<DbRow>`${sql.join(parts, sql` union all `)}`.execute(db);
  const unique = new Map(rows.map((r) => [matterKeyString({ firmId: r.firm_id, matterId: r.matter_id }), r] as const));
  return [...unique.values()].map(fromDb);
};

/**
 * Writes rows in one upsert whatever their number: one array parameter per column, unnested (no per-row bind
 * parameters to build or parse). The WHERE guard keeps a row that is already at or past the written position, so
 * a stale writer can never move a row backwards.
 */
export const upsertMatterSyncRows = async (
  db: Executor<ReadModelTables>,
  rows: readonly MatterSyncRow[],
): Promise<void> => {
  if (rows.length === 0) return;
  const col = <T>(f: (r: MatterSyncRow) => T): T[] => rows.map(f);
  // Raw SQL: `insert ... select from unnest(array params)` has no form in Kysely's builder.
  await sql`
    insert into matter_sync_state (firm_id, matter_id, state, active_job_id, last_synced_at, last_error, last_error_code,
      progress_current, progress_total, blocked_until, progress, updated_at, last_tx_id, last_global_position)
    select * from unnest(
      ${col((r) => r.firmId)}::text[], ${col((r) => r.matterId)}::text[], ${col((r) => r.state)}::text[],
      ${col((r) => r.activeJobId)}::text[], ${col((r) => r.lastSyncedAt)}::timestamptz[], ${col((r) => r.lastError)}::text[],
      ${col((r) => r.lastErrorCode)}::text[], ${col((r) => r.progressCurrent)}::int[], ${col((r) => r.progressTotal)}::int[],
      ${col((r) => r.blockedUntil)}::timestamptz[], ${col((r) => JSON.stringify(r.progress))}::jsonb[],
      ${col((r) => r.updatedAt)}::timestamptz[], ${col((r) => r.lastPosition.txId.toString())}::bigint[],
      ${col((r) => r.lastPosition.position.toString())}::bigint[])
    on conflict (firm_id, matter_id) do update set
      state = excluded.state, active_job_id = excluded.active_job_id, last_synced_at = excluded.last_synced_at,
      last_error = excluded.last_error, last_error_code = excluded.last_error_code,
      progress_current = excluded.progress_current, progress_total = excluded.progress_total,
      blocked_until = excluded.blocked_until, progress = excluded.progress, updated_at = excluded.updated_at,
      last_tx_id = excluded.last_tx_id, last_global_position = excluded.last_global_position
    where (matter_sync_state.last_tx_id, matter_sync_state.last_global_position)
      < (excluded.last_tx_id, excluded.last_global_position)`.execute(db);
};
