import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * The Clio rate budget of one connection (one access token at a time), shared by every process that calls Clio
 * for it (libs/clio/client). Acquired one unit per request in one conditional UPDATE; re-synced from the
 * `X-RateLimit-*` headers after each response.
 */
export interface ClioRateBudgetsTable {
  connection_id: string;
  /** Requests allowed per window (`X-RateLimit-Limit`); 50 until the first response tells us. */
  limit: number;
  /** Units left in the current window; never negative (check constraint). */
  remaining: number;
  /** End of the current window (`X-RateLimit-Reset`); at or after it the budget refills to `limit`. */
  reset_at: Timestamp;
  updated_at: Timestamp;
}

export interface ClioClientTables {
  clio_rate_budgets: ClioRateBudgetsTable;
}
