import { sql, type Kysely } from 'kysely';

/**
 * Webhook payloads the mirror refused as unordered ties (same one-second `updated_at` as the row, another etag):
 * one row per record, the log position of the last refused observation, until the webhook applier fetches the
 * record and writes Clio's answer (`mirror-ties.ts`). Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table clio_mirror_ties (
      firm_id text not null,
      entity_type text not null,
      record_id text not null,
      tx bigint not null,
      gp bigint not null,
      primary key (firm_id, entity_type, record_id)
    )`.execute(db);
  await sql`create index clio_mirror_ties_position on clio_mirror_ties (tx, gp)`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists clio_mirror_ties`.execute(db);
};
