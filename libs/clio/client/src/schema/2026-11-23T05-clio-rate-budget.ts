import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly this table whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // One row per Clio connection: the request budget of the current rate-limit window, shared by every process.
  // The client spends it with one conditional UPDATE per request, so `remaining` can never go below zero.
  await sql`
    create table clio_rate_budgets (
      connection_id text primary key,
      "limit" integer not null check ("limit" > 0),
      remaining integer not null check (remaining >= 0),
      reset_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists clio_rate_budgets`.execute(db);
};
