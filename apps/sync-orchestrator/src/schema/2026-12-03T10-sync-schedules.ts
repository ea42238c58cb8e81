import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // The read model of the schedule streams and the connection streams (rebuildable from the log).
  await sql`
    create table sync_schedules (
      firm_id text primary key,
      interval_minutes integer not null check (interval_minutes > 0),
      off_peak_only boolean not null,
      paused boolean not null,
      connected boolean not null,
      region text,
      connection_id text,
      started_at timestamptz not null,
      changed_at timestamptz not null,
      last_tx_id bigint not null,
      last_global_position bigint not null
    )`.execute(db);
  // The scheduler's due-time table (operational state, like work_queue): one row per firm and run kind.
  await sql`
    create table sync_schedule_runs (
      firm_id text not null,
      kind text not null check (kind in ('schedule', 'reconcile')),
      due_at timestamptz,
      seen_changed_at timestamptz,
      run_seq bigint not null default 0,
      last_run_at timestamptz,
      last_reason text,
      claimed_by text,
      claimed_until timestamptz,
      fence bigint not null default 0,
      primary key (firm_id, kind)
    )`.execute(db);
  await sql`create index sync_schedule_runs_due on sync_schedule_runs (due_at nulls first)`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists sync_schedule_runs`.execute(db);
  await sql`drop table if exists sync_schedules`.execute(db);
};
