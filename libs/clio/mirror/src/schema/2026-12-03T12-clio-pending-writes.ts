import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep making exactly this change whatever the code does later.

/**
 * Write-backs to Clio as the read API and the writer see them (projected from the `clio_write` streams): one row
 * per write, its folded state in `state`, and the columns the queries filter and order on. `record_key` is what
 * orders writes (the record an update targets; a create is its own record); `(tx_id, global_position)` is the
 * request's place in the log.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table clio_pending_writes (
      write_id text primary key,
      firm_id text not null,
      entity_type text not null,
      operation text not null,
      record_key text not null,
      record_id text,
      matter_id text,
      contact_id text,
      status text not null,
      state jsonb not null,
      requested_at timestamptz not null,
      updated_at timestamptz not null,
      tx_id bigint not null,
      global_position bigint not null
    )`.execute(db);
  await sql`create index clio_pending_writes_queue on clio_pending_writes (record_key, tx_id, global_position)
    where status in ('pending', 'conflicted')`.execute(db);
  await sql`create index clio_pending_writes_firm on clio_pending_writes (firm_id, status, requested_at, write_id)`.execute(
    db,
  );
  await sql`create index clio_pending_writes_record on clio_pending_writes (firm_id, entity_type, record_id)
    where status in ('pending', 'conflicted')`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists clio_pending_writes`.execute(db);
};
