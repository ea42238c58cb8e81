import { sql, type Transaction } from 'kysely';
import { streamIds } from '@sf/contracts';
import { SyncScope } from '@sf/sync-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/**
 * Serialises firm-wide requests against matter requests of the same firm (transaction-scoped advisory lock on the
 * firm scope stream's id): matter requests share it, a firm request takes it alone. A matter request therefore reads
 * the firm scope stream while no firm request can open a job, which makes "no matter sync while a firm-wide job is
 * active" hold under concurrency, while matter requests still run side by side (their scope streams enforce one
 * job per matter). A firm-wide request may start while matter jobs run: it covers them, and the fetches overlap
 * harmlessly (upserts by Clio id).
 */
export const lockFirmRequests = async (
  trx: Transaction<OrchestratorDb>,
  firmId: string,
  scope: SyncScope,
): Promise<void> => {
  const key = streamIds.syncScope(firmId, SyncScope.firm());
  if (scope.kind === 'firm') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
  else await sql`select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`.execute(trx);
};
