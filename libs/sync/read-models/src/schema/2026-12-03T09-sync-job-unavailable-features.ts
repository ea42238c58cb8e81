import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep making exactly this change whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // Features of completed phases that Clio's 403 on one of their entity types made unusable: { feature: reason }.
  await sql`alter table sync_jobs add column unavailable_features jsonb not null default '{}'::jsonb`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table sync_jobs drop column if exists unavailable_features`.execute(db);
};
