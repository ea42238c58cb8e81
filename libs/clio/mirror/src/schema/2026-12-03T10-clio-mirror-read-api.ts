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

/**
 * For the read API: when and from where each row was last written (event time and the kind of event: a sync's page
 * or sweep, a webhook, a write-back; both from the log, so a rebuild reproduces them), keyset indexes for the
 * sorted lists, and the review read models (records flagged by validation, sweeps held by the circuit breaker).
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of TABLES) {
    const t = sql.table(table);
    await sql`alter table ${t} add column if not exists last_synced_at timestamptz`.execute(db);
    await sql`alter table ${t} add column if not exists last_source text not null default 'sync'`.execute(db);
    await sql`create index if not exists ${sql.id(`${table}_updated`)} on ${t} (firm_id, updated_at, id)`.execute(db);
  }
  // Documents of a folder in id order (the list's default sort), and a matter's folder tree.
  await sql`create index if not exists clio_documents_parent_id on clio_documents (firm_id, parent_id, id)`.execute(db);
  await sql`create index if not exists clio_folders_matter_id on clio_folders (firm_id, matter_id, id)`.execute(db);
  await sql`
    create table clio_flagged_records (
      firm_id text not null,
      event_id text not null,
      seq integer not null,
      job_id text not null,
      entity_type text not null,
      record_id text,
      reason text not null,
      flagged_at timestamptz not null,
      primary key (firm_id, event_id, seq)
    )`.execute(db);
  await sql`create index clio_flagged_records_recent on clio_flagged_records (firm_id, flagged_at desc, event_id, seq)`.execute(
    db,
  );
  await sql`
    create table clio_held_sweeps (
      firm_id text not null,
      sweep_event_id text not null,
      job_id text not null,
      entity_type text not null,
      matter_id text,
      listed integer not null,
      held_ids text[] not null,
      held_at timestamptz not null,
      held_tx_id bigint not null,
      held_global_position bigint not null,
      status text not null default 'held' check (status in ('held', 'approved', 'rejected')),
      decided_by text,
      decided_at timestamptz,
      reason text,
      applied_ids text[],
      primary key (firm_id, sweep_event_id)
    )`.execute(db);
  await sql`create index clio_held_sweeps_recent on clio_held_sweeps (firm_id, held_at desc, sweep_event_id)`.execute(
    db,
  );
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists clio_held_sweeps`.execute(db);
  await sql`drop table if exists clio_flagged_records`.execute(db);
  await sql`drop index if exists clio_documents_parent_id`.execute(db);
  await sql`drop index if exists clio_folders_matter_id`.execute(db);
  for (const table of TABLES) {
    const t = sql.table(table);
    await sql`drop index if exists ${sql.id(`${table}_updated`)}`.execute(db);
    await sql`alter table ${t} drop column if exists last_source`.execute(db);
    await sql`alter table ${t} drop column if exists last_synced_at`.execute(db);
  }
};
