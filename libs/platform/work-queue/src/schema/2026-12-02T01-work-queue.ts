import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.

/**
 * One lease queue for every service that runs long jobs (`@sf/work-queue`): `queue` names the service's queue, the
 * job-specific fields travel in `payload`. `generation` counts claims: a claim returns it and every renewal,
 * release and settlement must present it, so a worker whose lease was taken over can no longer act. The fetcher's
 * `sync_job_work` and the processor's `processing_job_work` rows move over and their tables go.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table work_queue (
      queue text not null,
      job_id text not null,
      firm_id text not null,
      correlation_id text not null,
      payload jsonb not null default '{}'::jsonb,
      status text not null check (status in ('ready', 'paused', 'done', 'cancelled')),
      owner text,
      generation integer not null default 0,
      lease_until timestamptz,
      attempts integer not null default 0,
      last_error text,
      requested_at timestamptz not null,
      control_tx_id bigint,
      control_global_position bigint,
      updated_at timestamptz not null default now(),
      primary key (queue, job_id)
    )`.execute(db);
  await sql`create index work_queue_ready on work_queue (queue, requested_at) where status = 'ready'`.execute(db);
  // The old queues belonged to the fetcher's and the processor's migration sets, which run before this one: a
  // database migrated before the work queue existed still has them (move their rows over), a fresh one may not.
  const exists = async (table: string): Promise<boolean> => {
    const { rows } = await sql<{ found: string | null }>`select to_regclass(${table})::text as found`.execute(db);
    return rows[0]?.found != null;
  };
  if (await exists('sync_job_work')) {
    await sql`
      insert into work_queue (queue, job_id, firm_id, correlation_id, payload, status, owner, lease_until, attempts, last_error,
        requested_at, control_tx_id, control_global_position, updated_at)
      select 'sync-jobs', job_id, firm_id, correlation_id,
        jsonb_build_object('scope', scope, 'entityTypes', entity_types, 'trigger', trigger, 'requestEventId', request_event_id),
        status, owner, lease_until, attempts, last_error, requested_at, control_tx_id, control_global_position, updated_at
      from sync_job_work`.execute(db);
  }
  if (await exists('processing_job_work')) {
    await sql`
      insert into work_queue (queue, job_id, firm_id, correlation_id, status, owner, lease_until, requested_at, updated_at)
      select 'processing-jobs', job_id, firm_id, correlation_id, status, owner, lease_until, requested_at, updated_at
      from processing_job_work`.execute(db);
  }
  await sql`drop table if exists sync_job_work`.execute(db);
  await sql`drop table if exists processing_job_work`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table sync_job_work (
      job_id text primary key, firm_id text not null, scope jsonb not null, entity_types jsonb, trigger text not null,
      status text not null check (status in ('ready', 'paused', 'done', 'cancelled')), owner text, lease_until timestamptz,
      attempts integer not null default 0, last_error text, requested_at timestamptz not null, correlation_id text not null,
      request_event_id uuid not null, control_tx_id bigint, control_global_position bigint,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index sync_job_work_ready on sync_job_work (requested_at) where status = 'ready'`.execute(db);
  await sql`
    insert into sync_job_work (job_id, firm_id, scope, entity_types, trigger, status, owner, lease_until, attempts, last_error,
      requested_at, correlation_id, request_event_id, control_tx_id, control_global_position, updated_at)
    select job_id, firm_id, payload->'scope', nullif(payload->'entityTypes', 'null'::jsonb), payload->>'trigger', status, owner,
      lease_until, attempts, last_error, requested_at, correlation_id, (payload->>'requestEventId')::uuid, control_tx_id,
      control_global_position, updated_at
    from work_queue where queue = 'sync-jobs'`.execute(db);
  await sql`
    create table processing_job_work (
      job_id text primary key, firm_id text not null, status text not null check (status in ('ready', 'done', 'cancelled')),
      owner text, lease_until timestamptz, requested_at timestamptz not null, correlation_id text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index processing_job_work_ready on processing_job_work (requested_at) where status = 'ready'`.execute(
    db,
  );
  await sql`
    insert into processing_job_work (job_id, firm_id, status, owner, lease_until, requested_at, correlation_id, updated_at)
    select job_id, firm_id, status, owner, lease_until, requested_at, correlation_id, updated_at
    from work_queue where queue = 'processing-jobs'`.execute(db);
  await sql`drop table if exists work_queue`.execute(db);
};
