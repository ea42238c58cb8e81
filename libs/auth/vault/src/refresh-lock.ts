import { sql, type Transaction } from 'kysely';

/** Advisory-lock name held while a firm's tokens are refreshed or destroyed; hashed to a bigint key by Postgres. */
export const refreshLockName = (firmId: string): string => `sf.token-refresh:${firmId}`;

/**
 * Takes the firm's token lock for the rest of `trx`, waiting at most `timeoutMs` (then Postgres raises
 * lock_not_available, SQLSTATE 55P03). It is a transaction-scoped advisory lock, not a row lock: taking it assigns
 * no transaction id, so holding it across the call to Clio's token endpoint does not hold back the event log's
 * visibility horizon (pg_snapshot_xmin), and Postgres releases it on commit, rollback or a dropped connection.
 * Every writer of a firm's tokens (refresh, disconnect) should take it first.
 */
export const lockFirmTokens = async <DB>(trx: Transaction<DB>, firmId: string, timeoutMs: number): Promise<void> => {
  // SET cannot take a bind parameter; the value is an integer we computed, never user input.
  await sql`set local lock_timeout = ${sql.raw(String(Math.max(1, Math.floor(timeoutMs))))}`.execute(trx);
  await sql`select pg_advisory_xact_lock(hashtextextended(${refreshLockName(firmId)}, 0))`.execute(trx);
};

/** True for the error Postgres raises when {@link lockFirmTokens} waited longer than its timeout. */
export const isLockTimeout = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '55P03';
