import { sql, type Kysely } from 'kysely';

/**
 * The second a tie was refused in (the refused payload's `updated_at`, which the row shared): a later write of the
 * row past that second, or Clio's read-back answer, settles the tie without a fetch (`upsertObservedRows`). Ties noted
 * before have none and wait for their fetch as before. Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table clio_mirror_ties add column updated_at timestamptz`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table clio_mirror_ties drop column if exists updated_at`.execute(db);
};
