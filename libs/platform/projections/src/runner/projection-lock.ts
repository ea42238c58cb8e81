import { sql } from 'kysely';
import type { Executor } from '@sf/db';

/**
 * First key of every projection's advisory lock (the second is hashtext(projection name)), so projection locks
 * never collide with other advisory locks on the server. Transaction-scoped: released at commit or rollback.
 */
export const PROJECTION_LOCK_CLASS = 0x524d; // "RM"

/** Takes the projection's lock for this transaction if nobody holds it; false when another runner has it. */
export const tryLockProjection = async <DB>(trx: Executor<DB>, name: string): Promise<boolean> => {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(${PROJECTION_LOCK_CLASS}::int, hashtext(${name})) as locked`.execute(trx);
  return rows[0]?.locked === true;
};

/** Waits for the projection's lock (for resets, which must not be skipped). */
export const lockProjection = async <DB>(trx: Executor<DB>, name: string): Promise<void> => {
  await sql`select pg_advisory_xact_lock(${PROJECTION_LOCK_CLASS}::int, hashtext(${name}))`.execute(trx);
};
