import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep making exactly this change whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // The first outcome of each snapshot document ({ documentId: 'processed' | 'skipped' | 'failed' }): counting
  // once per document across batches needs to know which documents already have one.
  await sql`alter table job_snapshots add column outcomes jsonb not null default '{}'::jsonb`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table job_snapshots drop column if exists outcomes`.execute(db);
};
