import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createDb, poolBudget, type PoolBudget } from '@sf/db';

export interface BudgetedDbOptions {
  url: string;
  /** Postgres `application_name` (how the bench's CPU sampler and `pg_stat_activity` name the process). */
  applicationName: string;
  /** What the process can have checked out at once, part by part (docs/architecture.md, "Connection budget"). */
  parts: Record<string, number>;
  /** `DB_POOL_MAX`, when set. */
  override: number | undefined;
  floor?: number;
}

/**
 * A process's pool sized by its connection budget, with the one log line every process prints about it
 * (`postgres pool`: the size, its parts, and whether DB_POOL_MAX overrode it).
 */
export const createBudgetedDb = <DB>(log: Logger, o: BudgetedDbOptions): { db: Kysely<DB>; pool: PoolBudget } => {
  const pool = poolBudget(o.parts, o.override, o.floor);
  log.info({ poolMax: pool.max, parts: pool.parts, source: pool.source }, 'postgres pool');
  return { db: createDb<DB>({ url: o.url, max: pool.max, applicationName: o.applicationName }), pool };
};
