import type { Executor } from '@sf/db';
import { coveringJob, progressOf, type ScopeFacts, type ScopeState } from '@sf/sync-jobs';
import { readBudget, readConnection, readJob } from './read-model-queries';
import { readJobTail } from './stream-reads';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/**
 * Everything besides the scope stream that the policy needs about a scope: the connection and rate budget (read
 * models), and for the job covering the scope its job-stream tail (fresh, the fencing version) and its progress
 * (read model, for display). A scope always has something to sync: the firm has entity types, and a matter is
 * checked for visibility at the edge (the fetcher fails the job if Clio no longer has it).
 */
export const loadScopeFacts = async (
  db: Executor<OrchestratorDb>,
  firmId: string,
  scope: ScopeState,
  firmScope: ScopeState | null,
): Promise<ScopeFacts> => {
  const connection = await readConnection(db, firmId);
  const budget = await readBudget(db, connection.connectionId);
  const job = coveringJob(scope, firmScope);
  if (job === null)
    return { connection: connection.status, budget, firmScope, activeJob: null, hasSomethingToSync: true };
  const tail = await readJobTail(db, job.jobId);
  const view = await readJob(db, job.jobId, firmId);
  const activeJob = { jobId: job.jobId, tail, ...(view === null ? {} : { progress: progressOf(view) }) };
  return { connection: connection.status, budget, firmScope, activeJob, hasSomethingToSync: true };
};
