import { sql, type Kysely } from 'kysely';

/**
 * Consumer inbox: one row per (consumer, event) a JetStream consumer has applied. The row is inserted in the
 * same transaction as the consumer's effect, so a redelivered event (crash between commit and ack, relay
 * re-publish past the dedupe window) finds its row and changes nothing. Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table inbox (
      consumer text not null,
      event_id uuid not null,
      processed_at timestamptz not null default now(),
      primary key (consumer, event_id)
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists inbox`.execute(db);
};
