import { sql } from 'kysely';
import { isClioRegion } from '@sf/contracts';
import type { Executor } from '@sf/db';
import type { SignedState } from './oauth-state';
import type { AuthServiceDb } from '../schema/auth-service-schema';

/** Records a pending authorisation; Postgres sets its expiry (`now()` + `ttlMs`). Returns that expiry. */
export const insertOAuthState = async (ex: Executor<AuthServiceDb>, s: SignedState, ttlMs: number): Promise<Date> => {
  const row = await ex
    .insertInto('oauth_states')
    .values({
      nonce: s.nonce,
      firm_id: s.firmId,
      user_id: s.userId,
      region: s.region,
      created_at: sql<Date>`now()`,
      expires_at: sql<Date>`now() + make_interval(secs => ${ttlMs / 1000})`,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return row.expires_at;
};

/**
 * Consumes a pending authorisation in ONE statement: the row is deleted only if it exists and has not expired,
 * and the caller gets it back. A replay, a concurrent duplicate callback or a late callback gets null.
 */
export const consumeOAuthState = async (ex: Executor<AuthServiceDb>, nonce: string): Promise<SignedState | null> => {
  const row = await ex
    .deleteFrom('oauth_states')
    .where('nonce', '=', nonce)
    .where('expires_at', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
  if (!row || !isClioRegion(row.region)) return null;
  return { nonce: row.nonce, firmId: row.firm_id, userId: row.user_id, region: row.region };
};

/** Deletes expired rows (they can no longer be consumed); returns how many. */
export const purgeExpiredOAuthStates = async (ex: Executor<AuthServiceDb>): Promise<number> => {
  const r = await ex
    .deleteFrom('oauth_states')
    .where('expires_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
};
