import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep making exactly this change whatever the code does later.

const TABLES = [
  'clio_users',
  'clio_custom_fields',
  'clio_matters',
  'clio_contacts',
  'clio_calendar_entries',
  'clio_tasks',
  'clio_folders',
  'clio_documents',
  'clio_activities',
  'clio_relationships',
  'clio_matter_notes',
  'clio_contact_notes',
] as const;

/** Clio answers `{"id": …, "redacted": true}` for a record the user may not see: a live row without its data. */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of TABLES)
    await sql`alter table ${sql.table(table)} add column if not exists is_redacted boolean not null default false`.execute(
      db,
    );
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of TABLES) await sql`alter table ${sql.table(table)} drop column if exists is_redacted`.execute(db);
};
