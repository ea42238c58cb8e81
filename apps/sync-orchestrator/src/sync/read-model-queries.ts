import type { Executor } from '@sf/db';
import { jobViewOf } from '@sf/sync-read-models';
import { connectionStatusOf, type FirmConnection, type JobView } from '@sf/sync-jobs';
import type { ConnectionStatus, BudgetView } from '@sf/sync-policy';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** The firm's Clio connection (`firm_connections`): its status for the policy and its id (the budget's key). */
export const readConnection = async (
  db: Executor<OrchestratorDb>,
  firmId: string,
): Promise<{ status: ConnectionStatus; connectionId: string | null }> => {
  const row = await db
    .selectFrom('firm_connections')
    .select(['connection_id', 'status'])
    .where('firm_id', '=', firmId)
    .executeTakeFirst();
  return {
    status: connectionStatusOf(row ? { status: row.status as FirmConnection['status'] } : null),
    connectionId: row?.connection_id ?? null,
  };
};

/** The shared Clio rate budget of a connection (`clio_rate_budgets`, the Clio client's table); null when none is known. */
export const readBudget = async (
  db: Executor<OrchestratorDb>,
  connectionId: string | null,
): Promise<BudgetView | null> => {
  if (connectionId === null) return null;
  const row = await db
    .selectFrom('clio_rate_budgets')
    .select(['limit', 'remaining', 'reset_at'])
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return row ? { limit: row.limit, remaining: row.remaining, resetAt: row.reset_at.getTime() } : null;
};

/** One job of the `sync_jobs` read model; `firmId` null = any firm (operators, the CLI). */
export const readJob = async (
  db: Executor<OrchestratorDb>,
  jobId: string,
  firmId: string | null,
): Promise<JobView | null> => {
  let q = db.selectFrom('sync_jobs').selectAll().where('job_id', '=', jobId);
  if (firmId !== null) q = q.where('firm_id', '=', firmId);
  const row = await q.executeTakeFirst();
  return row ? jobViewOf(row) : null;
};

/**
 * Whether a matter is visible to a firm: the firm's Clio mirror has listed it (`clio_matters`), or the firm has
 * synced it before. Anything else, another firm's matter included, is answered 404.
 */
export const isMatterVisible = async (
  db: Executor<OrchestratorDb>,
  firmId: string,
  matterId: string,
): Promise<boolean> => {
  const mirrored = await db
    .selectFrom('clio_matters')
    .select('id')
    .where('firm_id', '=', firmId)
    .where('id', '=', matterId)
    .executeTakeFirst();
  if (mirrored) return true;
  const synced = await db
    .selectFrom('sync_jobs')
    .select('job_id')
    .where('firm_id', '=', firmId)
    .where('scope_kind', '=', 'matter')
    .where('matter_id', '=', matterId)
    .limit(1)
    .executeTakeFirst();
  return synced !== undefined;
};
