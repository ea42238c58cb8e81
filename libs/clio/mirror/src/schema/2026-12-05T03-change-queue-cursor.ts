import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep making exactly this change whatever the code does later.

/**
 * The change relay follows a cursor instead of marking every row it published (the mark rewrote each change row and
 * its partial index: 7.6 s of Postgres in a large first sync). Each row now records the transaction that wrote it
 * (`written_by`), and the relay reads rows of finished transactions only, in (transaction, log position) order,
 * after the cursor it stores. Rows already published take transaction 0 (before any cursor); rows still queued take
 * this migration's transaction, so they go out once it commits.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table clio_record_changes add column written_by xid8`.execute(db);
  await sql`
    update clio_record_changes
    set written_by = case when published_at is null then pg_current_xact_id() else '0'::xid8 end`.execute(db);
  await sql`
    alter table clio_record_changes
      alter column written_by set default pg_current_xact_id(),
      alter column written_by set not null`.execute(db);
  await sql`drop index clio_record_changes_unpublished`.execute(db);
  await sql`alter table clio_record_changes drop column published_at`.execute(db);
  await sql`
    create index clio_record_changes_queue
      on clio_record_changes (written_by, tx_id, global_position, entity_type, record_id)`.execute(db);
  await sql`
    create table clio_change_relay_cursor (
      name text primary key,
      written_by xid8 not null,
      tx_id bigint not null,
      global_position bigint not null,
      entity_type text not null,
      record_id text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table clio_record_changes add column published_at timestamptz`.execute(db);
  // Everything up to the cursor was published; the rest stays queued.
  await sql`update clio_record_changes set published_at = now() where written_by = '0'::xid8`.execute(db);
  await sql`
    update clio_record_changes c set published_at = k.updated_at
    from clio_change_relay_cursor k
    where (c.written_by, c.tx_id, c.global_position, c.entity_type, c.record_id)
      <= (k.written_by, k.tx_id, k.global_position, k.entity_type, k.record_id)`.execute(db);
  await sql`drop table clio_change_relay_cursor`.execute(db);
  await sql`drop index clio_record_changes_queue`.execute(db);
  await sql`alter table clio_record_changes drop column written_by`.execute(db);
  await sql`
    create index clio_record_changes_unpublished on clio_record_changes (tx_id, global_position, entity_type, record_id)
      where published_at is null`.execute(db);
};
