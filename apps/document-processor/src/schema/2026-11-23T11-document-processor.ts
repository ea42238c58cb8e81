import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // The document processor's work queue: one row per processing job, inserted by the JobStarted consumer
  // (inbox-protected) and claimed by workers with a lease; an expired lease makes a dead worker's job claimable.
  await sql`
    create table processing_job_work (
      job_id text primary key,
      firm_id text not null,
      status text not null check (status in ('ready', 'done', 'cancelled')),
      owner text,
      lease_until timestamptz,
      requested_at timestamptz not null,
      correlation_id text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index processing_job_work_ready on processing_job_work (requested_at) where status = 'ready'`.execute(
    db,
  );

  // Read model of processed documents: written in the same transaction as the DocumentProcessed append.
  await sql`
    create table processed_documents (
      firm_id text not null,
      document_id text not null,
      job_id text not null,
      sha256 text not null,
      size bigint not null,
      content_type text not null,
      processed_at timestamptz not null,
      primary key (firm_id, document_id)
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists processed_documents`.execute(db);
  await sql`drop table if exists processing_job_work`.execute(db);
};
