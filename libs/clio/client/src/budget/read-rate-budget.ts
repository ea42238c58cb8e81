import { tablesOf, type Executor } from '@sf/db';
import type { ClioClientTables } from '../schema/clio-rate-budget.tables';

/** A snapshot of a connection's shared budget; the same shape as `@sf/sync-policy`'s `RateBudget`. */
export interface RateBudgetSnapshot {
  limit: number;
  remaining: number;
  /** Epoch ms; from then on the window counts as full again. */
  resetAt: number;
}

/** The budget row of a connection (e.g. for the sync policy's decision), or null before its first request. */
export async function readRateBudget<DB extends ClioClientTables>(
  db: Executor<DB>,
  connectionId: string,
): Promise<RateBudgetSnapshot | null> {
  const row = await tablesOf<ClioClientTables, DB>(db)
    .selectFrom('clio_rate_budgets')
    .select(['limit', 'remaining', 'reset_at'])
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return row ? { limit: row.limit, remaining: row.remaining, resetAt: row.reset_at.getTime() } : null;
}
