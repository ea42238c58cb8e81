import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table sync_jobs (
      job_id text primary key,
      firm_id text not null,
      scope_kind text not null check (scope_kind in ('firm', 'matter')),
      matter_id text,
      trigger text not null,
      requested_by text,
      state text not null
        check (state in ('requested', 'running', 'blocked', 'paused', 'completed', 'failed', 'cancelled')),
      entity_types jsonb,
      progress jsonb not null default '{}',
      estimates jsonb,
      estimated_total integer,
      counts jsonb,
      blocked_until timestamptz,
      requested_at timestamptz not null,
      started_at timestamptz,
      completed_at timestamptz,
      last_progress_at timestamptz not null,
      error_code text,
      error_message text,
      control_reason text,
      stalled boolean not null default false,
      stall_count integer not null default 0,
      updated_at timestamptz not null,
      last_tx_id bigint not null,
      last_global_position bigint not null,
      check ((scope_kind = 'matter') = (matter_id is not null))
    )`.execute(db);
  // Status views: the jobs of one scope (a matter's, or the firm's), newest first.
  await sql`create index sync_jobs_scope on sync_jobs (firm_id, scope_kind, matter_id, requested_at desc)`.execute(db);
  // Stall detection scans only the jobs still in flight.
  await sql`
    create index sync_jobs_in_flight on sync_jobs (last_progress_at)
    where state in ('requested', 'running', 'blocked')`.execute(db);

  await sql`
    create table firm_connections (
      firm_id text primary key,
      connection_id text not null,
      status text not null check (status in ('active', 'needs_reauth', 'revoked')),
      region text not null,
      changed_at timestamptz not null,
      last_tx_id bigint not null,
      last_global_position bigint not null
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists firm_connections`.execute(db);
  await sql`drop table if exists sync_jobs`.execute(db);
};
