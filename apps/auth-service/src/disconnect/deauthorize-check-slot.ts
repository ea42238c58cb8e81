import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { AuthServiceDb } from '../schema/auth-service-schema';

/** One Clio request per connection per window: Clio's rate limits are per token and 60 s windows. */
export const DEAUTHORIZE_CHECK_WINDOW_MS = 60_000;

/**
 * Takes the connection's check slot for this window in one statement (true: this caller may ask Clio now). Shared by
 * every replica, so forged callbacks cost a firm at most one request of its rate window, however many arrive.
 */
export const takeDeauthorizeCheckSlot = async (
  db: Executor<AuthServiceDb>,
  connectionId: string,
  now: Date,
): Promise<boolean> => {
  const since = new Date(now.getTime() - DEAUTHORIZE_CHECK_WINDOW_MS);
  const { rows } = await sql<{ connection_id: string }>`
    insert into clio_deauthorize_checks (connection_id, checked_at) values (${connectionId}, ${now})
    on conflict (connection_id) do update set checked_at = excluded.checked_at
      where clio_deauthorize_checks.checked_at <= ${since}
    returning connection_id`.execute(db);
  return rows.length === 1;
};
