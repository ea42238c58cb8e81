import type { Executor } from '@sf/db';
import { jobViewOf } from '@sf/sync-read-models';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { summaryOf, type SyncJobSummary } from './sync-job-summary';

export interface SyncJobListQuery {
  firmId: string;
  state?: string;
  trigger?: string;
  scopeKind?: 'firm' | 'matter';
  /** Keyset: the last row of the previous page (requested_at ISO, job id). */
  after: [string, string] | null;
  limit: number;
}

/** The firm's sync jobs, newest request first (`sync_jobs`). */
export const listSyncJobs = async (db: Executor<OrchestratorDb>, q: SyncJobListQuery): Promise<SyncJobSummary[]> => {
  let s = db.selectFrom('sync_jobs').selectAll().where('firm_id', '=', q.firmId);
  if (q.state !== undefined) s = s.where('state', '=', q.state);
  if (q.trigger !== undefined) s = s.where('trigger', '=', q.trigger);
  if (q.scopeKind !== undefined) s = s.where('scope_kind', '=', q.scopeKind);
  if (q.after) {
    const [at, id] = q.after;
    s = s.where((eb) =>
      eb.or([
        eb('requested_at', '<', new Date(at)),
        eb.and([eb('requested_at', '=', new Date(at)), eb('job_id', '>', id)]),
      ]),
    );
  }
  const rows = await s.orderBy('requested_at', 'desc').orderBy('job_id').limit(q.limit).execute();
  return rows.map((r) => summaryOf(jobViewOf(r)));
};

/** The firm's latest firm-wide job (any state), or null. */
export const latestFirmJob = async (db: Executor<OrchestratorDb>, firmId: string): Promise<SyncJobSummary | null> =>
  (await listSyncJobs(db, { firmId, scopeKind: 'firm', after: null, limit: 1 }))[0] ?? null;
