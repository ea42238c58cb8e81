import { sql, type Kysely } from 'kysely';

// Frozen in time. `if not exists`: databases migrated before the runner owned this table have it already
// (it was created by the read models' first migration).

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table if not exists read_model_versions (
      projection text primary key,
      version integer not null,
      reset_at timestamptz not null
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists read_model_versions`.execute(db);
};
