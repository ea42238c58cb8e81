import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.

/** Tables of the first migration that gain `matter_id` (folders and documents had it). */
const GAIN_MATTER = [
  'clio_users',
  'clio_custom_fields',
  'clio_matters',
  'clio_contacts',
  'clio_calendar_entries',
  'clio_tasks',
  'clio_activities',
] as const;
/** New entity types' tables: the two kinds of notes, and matters' related contacts. */
const NEW_ENTITY_TABLES = ['clio_relationships', 'clio_matter_notes', 'clio_contact_notes'] as const;
const STAMPS = sql`etag text, created_at timestamptz, updated_at timestamptz`;

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of GAIN_MATTER) {
    await sql`alter table ${sql.table(table)} add column if not exists matter_id text`.execute(db);
  }
  // A matter-scoped sync counts and sweeps the records of one matter.
  for (const table of ['clio_calendar_entries', 'clio_tasks', 'clio_activities'])
    await sql`create index ${sql.id(`${table}_matter`)} on ${sql.table(table)} (firm_id, matter_id)`.execute(db);
  for (const table of NEW_ENTITY_TABLES) {
    const t = sql.table(table);
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
        matter_id text,
        last_job_id text,
        restored_by_job text,
        last_tx_id bigint not null,
        last_global_position bigint not null,
        primary key (firm_id, id)
      )`.execute(db);
    await sql`create index ${sql.id(`${table}_live_created`)} on ${t} (firm_id, created_at) where not is_soft_deleted`.execute(
      db,
    );
    await sql`create index ${sql.id(`${table}_matter`)} on ${t} (firm_id, matter_id)`.execute(db);
  }
  // Typed tables derived from records' nested data; rows follow their parent row (libs/clio/mirror/src/details).
  await sql`
    create table clio_matter_fields (
      firm_id text not null, matter_id text not null, display_number text, status text, open_date date,
      pending_date date, close_date date, client_id text, practice_area_id text, practice_area_name text,
      responsible_attorney_id text, originating_attorney_id text, responsible_staff_id text, group_id text,
      billable boolean, billing_method text, primary key (firm_id, matter_id)
    )`.execute(db);
  await sql`
    create table clio_contact_fields (
      firm_id text not null, contact_id text not null, type text, name text, prefix text, first_name text,
      middle_name text, last_name text, title text, date_of_birth date, company_id text, is_client boolean,
      is_co_counsel boolean, is_bill_recipient boolean, primary key (firm_id, contact_id)
    )`.execute(db);
  await sql`
    create table clio_custom_field_values (
      firm_id text not null, parent_type text not null, parent_id text not null, custom_field_id text not null,
      id text, etag text, field_type text, field_name text, value_raw text, value_text text, value_number numeric,
      value_date date, value_time time, value_boolean boolean, picklist_option_id text, contact_id text,
      matter_id text, soft_deleted boolean not null default false, created_at timestamptz, updated_at timestamptz,
      primary key (firm_id, parent_type, parent_id, custom_field_id)
    )`.execute(db);
  await sql`create index clio_custom_field_values_field on clio_custom_field_values (firm_id, custom_field_id)`.execute(
    db,
  );
  await sql`
    create table clio_contact_email_addresses (
      firm_id text not null, contact_id text not null, id text not null, name text, address text, is_primary boolean,
      ${STAMPS}, primary key (firm_id, contact_id, id)
    )`.execute(db);
  await sql`
    create table clio_contact_phone_numbers (
      firm_id text not null, contact_id text not null, id text not null, name text, number text, is_primary boolean,
      ${STAMPS}, primary key (firm_id, contact_id, id)
    )`.execute(db);
  await sql`
    create table clio_contact_addresses (
      firm_id text not null, contact_id text not null, id text not null, name text, street text, city text,
      province text, postal_code text, country text, is_primary boolean, ${STAMPS},
      primary key (firm_id, contact_id, id)
    )`.execute(db);
  await sql`
    create table clio_contact_web_sites (
      firm_id text not null, contact_id text not null, id text not null, name text, address text, is_default boolean,
      ${STAMPS}, primary key (firm_id, contact_id, id)
    )`.execute(db);
  await sql`
    create table clio_calendar_entry_attendees (
      firm_id text not null, calendar_entry_id text not null, attendee_type text not null, attendee_id text not null,
      name text, email text, enabled boolean, primary key (firm_id, calendar_entry_id, attendee_type, attendee_id)
    )`.execute(db);
  await sql`
    create table clio_document_versions (
      firm_id text not null, id text not null, document_id text not null, uuid text, version_number integer,
      filename text, size bigint, content_type text, fully_uploaded boolean, received_at timestamptz,
      is_latest boolean not null, ${STAMPS}, primary key (firm_id, id)
    )`.execute(db);
  await sql`create index clio_document_versions_document on clio_document_versions (firm_id, document_id)`.execute(db);
  await sql`
    create table clio_activity_amounts (
      firm_id text not null, activity_id text not null, quantity numeric, quantity_redacted boolean not null,
      price numeric, total numeric, non_billable_total numeric, amounts_redacted boolean not null,
      primary key (firm_id, activity_id)
    )`.execute(db);
};

const DETAIL = [
  'clio_matter_fields',
  'clio_contact_fields',
  'clio_custom_field_values',
  'clio_contact_email_addresses',
  'clio_contact_phone_numbers',
  'clio_contact_addresses',
  'clio_contact_web_sites',
  'clio_calendar_entry_attendees',
  'clio_document_versions',
  'clio_activity_amounts',
];

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [...DETAIL, ...NEW_ENTITY_TABLES])
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  for (const table of GAIN_MATTER) {
    await sql`alter table ${sql.table(table)} drop column if exists matter_id`.execute(db);
  }
};
