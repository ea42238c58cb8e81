import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly this table whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // The last time a deauthorization callback made us ask Clio about a connection's token: at most one such request
  // per connection per window, whatever number of (possibly forged) callbacks arrive, on any replica.
  await sql`
    create table clio_deauthorize_checks (
      connection_id text primary key,
      checked_at timestamptz not null
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists clio_deauthorize_checks`.execute(db);
};
