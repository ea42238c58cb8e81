import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.

/** One mirror table per Clio entity type; documents and folders also carry matter_id/parent_id for counting. */
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
] as const;
const WITH_TREE = new Set<string>(['clio_folders', 'clio_documents']);

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of TABLES) {
    const t = sql.table(table);
    const tree = WITH_TREE.has(table) ? sql`matter_id text, parent_id text,` : sql``;
    // last_tx_id/last_global_position: log position of the event that last wrote the row; replays at or below
    // it change nothing. last_job_id: the sync job of that event. restored_by_job: the sync job whose listing
    // brought a soft-deleted row back.
    await sql`
      create table ${t} (
        firm_id text not null,
        id text not null,
        etag text not null,
        created_at timestamptz,
        updated_at timestamptz,
        data jsonb not null,
        is_soft_deleted boolean not null default false,
        deleted_at timestamptz,
        ${tree}
        last_job_id text,
        restored_by_job text,
        last_tx_id bigint not null,
        last_global_position bigint not null,
        primary key (firm_id, id)
      )`.execute(db);
    // Delete detection compares live counts by creation time with Clio's (created_since).
    await sql`create index ${sql.id(`${table}_live_created`)} on ${t} (firm_id, created_at) where not is_soft_deleted`.execute(
      db,
    );
    if (WITH_TREE.has(table)) {
      await sql`create index ${sql.id(`${table}_matter`)} on ${t} (firm_id, matter_id)`.execute(db);
      await sql`create index ${sql.id(`${table}_parent`)} on ${t} (firm_id, parent_id)`.execute(db);
    }
  }
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [...TABLES].reverse()) await sql`drop table if exists ${sql.table(table)}`.execute(db);
};
