import { sql, type Kysely } from 'kysely';

/**
 * The versions the webhook applier appended lately, per record: shared by every applier replica, written in the
 * transaction of the append (see `apps/webhooks/src/apply/recent-versions.ts`). `second`: Clio's `updated_at` in
 * whole seconds; `created`: a `created` delivery carried it. Pruned by `appended_at`. Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create table webhook_recent_versions (
      firm_id text not null,
      entity_type text not null,
      record_id text not null,
      second bigint not null,
      etag text,
      created boolean not null,
      appended_at timestamptz not null default now(),
      primary key (firm_id, entity_type, record_id)
    )`.execute(db);
  await sql`create index webhook_recent_versions_appended_at on webhook_recent_versions (appended_at)`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists webhook_recent_versions`.execute(db);
};
