import { sql, type Selectable } from 'kysely';
import type { Database, Executor } from '@sf/db';
import type { JobRef } from './matter-sync-fold';
import type { MatterKey, MatterSyncRow, MatterSyncStatus } from './matter-sync-row';

type DbRow = Selectable<Database['matter_sync_state']>;

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

/** Loads, in two index lookups, the rows a batch touches: by matter, and by (firm, active job). */
export const loadMatterSyncRows = async (
  trx: Executor,
  want: { matters: readonly MatterKey[]; jobs: readonly JobRef[] },
): Promise<MatterSyncRow[]> => {
  if (want.matters.length === 0 && want.jobs.length === 0) return [];
  const { rows } = await sql<DbRow>`
    select t.* from matter_sync_state t
      join unnest(${want.matters.map((m) => m.firmId)}::text[], ${want.matters.map((m) => m.matterId)}::text[]) as k(firm_id, matter_id)
      on t.firm_id = k.firm_id and t.matter_id = k.matter_id
    union
    select t.* from matter_sync_state t
      join unnest(${want.jobs.map((j) => j.firmId)}::text[], ${want.jobs.map((j) => j.jobId)}::text[]) as k(firm_id, job_id)
      on t.firm_id = k.firm_id and t.active_job_id = k.job_id`.execute(trx);
  return rows.map(fromDb);
};

/** Rows per upsert statement: 16 parameters each stays far below Postgres's 65,535. */
const CHUNK = 1000;

/**
 * Writes rows in multi-row upserts. The WHERE guard keeps a row that is already at or past the written position,
 * so a stale writer can never move a row backwards.
 */
export const upsertMatterSyncRows = async (trx: Executor, rows: readonly MatterSyncRow[]): Promise<void> => {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('matter_sync_state')
      .values(rows.slice(i, i + CHUNK).map((r) => ({
        firm_id: r.firmId,
        matter_id: r.matterId,
        state: r.state,
        active_job_id: r.activeJobId,
        last_synced_at: r.lastSyncedAt,
        last_error: r.lastError,
        last_error_code: r.lastErrorCode,
        progress_current: r.progressCurrent,
        progress_total: r.progressTotal,
        blocked_until: r.blockedUntil,
        progress: JSON.stringify(r.progress),
        updated_at: r.updatedAt,
        last_tx_id: r.lastPosition.txId.toString(),
        last_global_position: r.lastPosition.position.toString(),
      })))
      .onConflict((oc) =>
        oc.columns(['firm_id', 'matter_id'])
          .doUpdateSet((eb) => ({
            state: eb.ref('excluded.state'),
            active_job_id: eb.ref('excluded.active_job_id'),
            last_synced_at: eb.ref('excluded.last_synced_at'),
            last_error: eb.ref('excluded.last_error'),
            last_error_code: eb.ref('excluded.last_error_code'),
            progress_current: eb.ref('excluded.progress_current'),
            progress_total: eb.ref('excluded.progress_total'),
            blocked_until: eb.ref('excluded.blocked_until'),
            progress: eb.ref('excluded.progress'),
            updated_at: eb.ref('excluded.updated_at'),
            last_tx_id: eb.ref('excluded.last_tx_id'),
            last_global_position: eb.ref('excluded.last_global_position'),
          }))
          .where(sql<boolean>`(matter_sync_state.last_tx_id, matter_sync_state.last_global_position)
            < (excluded.last_tx_id, excluded.last_global_position)`),
      )
      .execute();
  }
};
