import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must keep making exactly this change whatever the code does later.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  // The user-facing reason of a job's last stall (SyncJobStalled v2 reason; v1 events are upcast with one).
  await sql`alter table sync_jobs add column stall_reason text`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table sync_jobs drop column if exists stall_reason`.execute(db);
};
