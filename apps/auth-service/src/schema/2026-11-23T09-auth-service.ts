import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly this table whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // Pending Clio authorisations (apps/auth-service). One row per authorize request; the callback deletes it in the
  // same statement that checks it, which is what makes a state single-use even under concurrent callbacks.
  await sql`
    create table oauth_states (
      nonce text primary key,
      firm_id text not null,
      user_id text not null,
      region text not null check (region in ('us', 'eu', 'ca', 'au')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  // The periodic purge deletes expired rows by expiry.
  await sql`create index oauth_states_expires_at on oauth_states (expires_at)`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists oauth_states`.execute(db);
};
