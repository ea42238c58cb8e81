import { sql, type Kysely } from 'kysely';

/**
 * Redrives of dead letters: one row per dead-letter message (DLQ stream and sequence) that an operator sent back to
 * its original subject (`sf dlq redrive`). The primary key makes a redrive idempotent; `published` turns true once
 * the stream stored the copy, so a redrive cut short is finished by the next one. Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table dead_letter_redrives (
      dlq_stream text not null,
      dlq_seq bigint not null,
      consumer text not null,
      event_id text,
      original_subject text not null,
      reason text not null,
      redriven_by text,
      redriven_at timestamptz not null default now(),
      published boolean not null default false,
      primary key (dlq_stream, dlq_seq)
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists dead_letter_redrives`.execute(db);
};
