import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // The fetcher's work queue: one row per sync job, inserted by the SyncRequested consumer (inbox-protected) and
  // claimed by job workers with a lease. `lease_until` also holds a job back while it waits out a rate limit.
  await sql`
    create table sync_job_work (
      job_id text primary key,
      firm_id text not null,
      scope jsonb not null,
      entity_types jsonb,
      trigger text not null,
      status text not null check (status in ('ready', 'paused', 'done', 'cancelled')),
      owner text,
      lease_until timestamptz,
      attempts integer not null default 0,
      last_error text,
      requested_at timestamptz not null,
      correlation_id text not null,
      request_event_id uuid not null,
      control_tx_id bigint,
      control_global_position bigint,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sync_job_work_ready on sync_job_work (requested_at) where status = 'ready'`.execute(db);

  // Where each scope's next incremental listing of an entity type starts (`updated_since`), written in the same
  // transaction as the job-stream append that completed the entity type.
  await sql`
    create table sync_bookmarks (
      firm_id text not null,
      scope_key text not null,
      entity_type text not null,
      updated_since timestamptz not null,
      job_id text not null,
      set_tx_id bigint not null,
      set_global_position bigint not null,
      primary key (firm_id, scope_key, entity_type)
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists sync_bookmarks`.execute(db);
  await sql`drop table if exists sync_job_work`.execute(db);
};
