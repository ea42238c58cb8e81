/** The environment variable that overrides a process's pool size (its documented budget, docs/architecture.md). */
export const DB_POOL_MAX_ENV = 'DB_POOL_MAX';

/**
 * A process's Postgres connections: what it can have checked out at once, part by part (a consumer's transaction,
 * a writer slot's lock, the probes), and the pool size that follows. Connections are checked out for a statement
 * or a transaction only, never while waiting on Clio or NATS, so a part counts what runs on Postgres at once, not
 * how many jobs a process holds. `floor`: the fewest connections the process needs to make progress (a writer slot
 * holds its connection while its Clio client takes one more for the rate budget).
 */
export interface PoolBudget {
  max: number;
  parts: Readonly<Record<string, number>>;
  source: 'default' | typeof DB_POOL_MAX_ENV;
}

/** `DB_POOL_MAX` as a positive integer, or undefined when unset or empty. Throws naming the variable. */
export const dbPoolMaxFromEnv = (env: NodeJS.ProcessEnv = process.env): number | undefined => {
  const raw = env[DB_POOL_MAX_ENV];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${DB_POOL_MAX_ENV} must be a positive integer`);
  return n;
};

/** The pool size: `override` (DB_POOL_MAX) when given, else the sum of `parts`; never below `floor` (default 1). */
export const poolBudget = (parts: Record<string, number>, override?: number, floor = 1): PoolBudget => {
  if (override !== undefined && override < floor)
    throw new Error(`${DB_POOL_MAX_ENV}=${override} is below this process's floor of ${floor} connections`);
  const sum = Object.values(parts).reduce((n, p) => n + p, 0);
  return override === undefined
    ? { max: Math.max(floor, sum), parts, source: 'default' }
    : { max: override, parts, source: DB_POOL_MAX_ENV };
};
