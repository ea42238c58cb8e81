import { sql, type Kysely } from 'kysely';

// Frozen in time. processed_documents becomes a projection of DocumentProcessed events: each row keeps the log
// position of the event that wrote it, so replays change nothing. Rows written before have none (null).

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    alter table processed_documents
      add column if not exists last_tx_id bigint,
      add column if not exists last_global_position bigint`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table processed_documents drop column if exists last_tx_id, drop column if exists last_global_position`.execute(
    db,
  );
};
