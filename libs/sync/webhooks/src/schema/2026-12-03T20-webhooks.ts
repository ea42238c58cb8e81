import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep creating exactly these tables whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // One row per webhook subscription we hold (or held) in Clio. Written with the clio-webhooks stream's events in
  // one transaction; the ingress reads it to verify deliveries. The secret is sealed (AES-256-GCM, token vault).
  await sql`
    create table webhook_subscriptions (
      subscription_id text primary key,
      firm_id text not null,
      model text not null,
      entity_type text not null,
      clio_webhook_id text,
      sealed_secret text,
      status text not null check (status in ('registering', 'active', 'removed')),
      expires_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status = 'registering' or clio_webhook_id is not null)
    )`.execute(db);
  // At most one live subscription per firm and model: two registrars racing cannot both register.
  await sql`create unique index webhook_subscriptions_live on webhook_subscriptions (firm_id, model)
    where status <> 'removed'`.execute(db);
  await sql`create index webhook_subscriptions_expiry on webhook_subscriptions (expires_at) where status = 'active'`.execute(
    db,
  );

  // Per firm: deliveries the applier applied and the lag of the last batch (written with its checkpoint).
  await sql`
    create table webhook_firm_stats (
      firm_id text primary key,
      applied bigint not null default 0,
      last_applied_at timestamptz,
      last_lag_ms integer,
      max_lag_ms integer not null default 0
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists webhook_firm_stats`.execute(db);
  await sql`drop table if exists webhook_subscriptions`.execute(db);
};
