import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.
// read_model_versions, once created here too, belongs to the projections runner now (its migration creates it
// if missing): databases that ran this migration before keep the table, fresh ones get it from the runner.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table matter_sync_state (
      firm_id text not null,
      matter_id text not null,
      state text not null check (state in ('idle', 'syncing', 'blocked', 'error')),
      active_job_id text,
      last_synced_at timestamptz,
      last_error text,
      last_error_code text,
      progress_current integer not null default 0,
      progress_total integer,
      blocked_until timestamptz,
      progress jsonb not null default '{"entityTypes":null,"estimatedTotal":null,"byType":{}}',
      updated_at timestamptz not null,
      last_tx_id bigint not null,
      last_global_position bigint not null,
      primary key (firm_id, matter_id)
    )`.execute(db);
  // Job-scoped events carry no matter id: the projection finds the row through its active job.
  await sql`
    create index matter_sync_state_active_job on matter_sync_state (firm_id, active_job_id)
    where active_job_id is not null`.execute(db);

  await sql`
    create table job_snapshots (
      job_id text primary key,
      firm_id text not null,
      matter_id text not null,
      folder_id text,
      document_ids jsonb not null,
      status text not null check (status in ('running', 'completed', 'cancelled')),
      total integer not null,
      processed integer not null default 0,
      skipped integer not null default 0,
      failed integer not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      last_tx_id bigint not null,
      last_global_position bigint not null
    )`.execute(db);
  await sql`create index job_snapshots_firm_matter on job_snapshots (firm_id, matter_id, created_at)`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists job_snapshots`.execute(db);
  await sql`drop table if exists matter_sync_state`.execute(db);
};
