import { sql, type Kysely } from 'kysely';

/**
 * The event log. Frozen in time: raw SQL against an untyped handle, never the current Database type.
 *
 * - es_streams holds one row per stream with its version (= number of events); the append statement upserts it
 *   with the expected-version check, which is what serialises concurrent writers to one stream.
 * - es_events is append-only. The global order is (transaction_id, global_position): global_position comes from
 *   a sequence and may commit out of order, transaction_id lets readers stop below the oldest open transaction.
 *   No foreign key to es_streams: the append writes both in one statement, and a per-row FK check would only add cost.
 * - es_checkpoints holds the last position each log reader (relay, projections) has fully handled. `position`
 *   is a fixed-width "txid:position" string compared in the C collation, so text order is log order.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table es_streams (
      stream_id text primary key,
      stream_type text not null,
      version bigint not null check (version >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table es_events (
      global_position bigint generated always as identity primary key,
      transaction_id xid8 not null default pg_current_xact_id(),
      event_id uuid not null constraint es_events_event_id_key unique,
      stream_id text not null,
      stream_position bigint not null check (stream_position >= 1),
      event_type text not null,
      event_version integer not null,
      data jsonb not null,
      metadata jsonb not null,
      recorded_at timestamptz not null default now(),
      constraint es_events_stream_position_key unique (stream_id, stream_position)
    )`.execute(db);
  await sql`create index es_events_log_order_idx on es_events (transaction_id, global_position)`.execute(db);
  await sql`
    create table es_checkpoints (
      name text primary key,
      position text collate "C" not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists es_checkpoints`.execute(db);
  await sql`drop table if exists es_events`.execute(db);
  await sql`drop table if exists es_streams`.execute(db);
};
