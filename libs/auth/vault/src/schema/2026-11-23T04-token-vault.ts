import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly this table whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // One Clio connection per firm. Tokens are AES-256-GCM sealed values (libs/auth/vault); a revoked connection
  // keeps its row (who, when) but its tokens are destroyed, which the check constraint enforces.
  await sql`
    create table clio_connections (
      connection_id text primary key,
      firm_id text not null unique,
      region text not null check (region in ('us', 'eu', 'ca', 'au')),
      clio_user_id text not null,
      status text not null check (status in ('active', 'needs_reauth', 'revoked')),
      access_token_enc text,
      refresh_token_enc text,
      key_id text,
      expires_at timestamptz,
      refreshed_at timestamptz not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint clio_connections_tokens_match_status check (
        (status = 'revoked' and access_token_enc is null and refresh_token_enc is null and key_id is null
          and expires_at is null)
        or (status <> 'revoked' and access_token_enc is not null and refresh_token_enc is not null
          and key_id is not null and expires_at is not null)
      )
    )`.execute(db);
  // The proactive refresher scans active connections by age; the table has one row per firm, so this stays small.
  await sql`
    create index clio_connections_refresh_due on clio_connections (refreshed_at)
    where status = 'active'`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists clio_connections`.execute(db);
};
