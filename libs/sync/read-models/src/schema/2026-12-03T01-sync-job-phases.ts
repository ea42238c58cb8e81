import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep making exactly this change whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // A phased initial sync's phases ([{ phase, entityTypes, state }], null when not phased) and the features its
  // completed phases made usable (SyncPhaseCompleted.features).
  await sql`alter table sync_jobs add column phases jsonb`.execute(db);
  await sql`alter table sync_jobs add column available_features jsonb not null default '[]'::jsonb`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table sync_jobs drop column if exists available_features`.execute(db);
  await sql`alter table sync_jobs drop column if exists phases`.execute(db);
};
