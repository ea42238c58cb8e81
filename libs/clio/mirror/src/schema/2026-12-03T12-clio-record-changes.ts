import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep making exactly this change whatever the code does later.

/**
 * The record-change history (`ClioRecordChanged`): one row per real change of a mirrored record, written by the
 * mirror projection in the transaction of the mirror row, keyed by a deterministic id. `published_at` is the change
 * relay's mark; the partial index is its queue.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table clio_record_changes (
      change_id uuid primary key,
      firm_id text not null,
      entity_type text not null,
      record_id text not null,
      tx_id bigint not null,
      global_position bigint not null,
      change text not null,
      fields jsonb not null,
      etag text,
      updated_at timestamptz,
      deleted_at timestamptz,
      source text not null,
      job_id text,
      observed_at timestamptz not null,
      published_at timestamptz
    )`.execute(db);
  await sql`
    create unique index clio_record_changes_record
      on clio_record_changes (firm_id, entity_type, record_id, tx_id, global_position)`.execute(db);
  await sql`
    create index clio_record_changes_unpublished on clio_record_changes (tx_id, global_position, entity_type, record_id)
      where published_at is null`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists clio_record_changes`.execute(db);
};
