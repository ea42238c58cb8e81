import { sql, type Kysely, type Migration } from 'kysely';

/** The queues `work_queue` replaced, each created by the first migration of its service's set. */
export type OldQueueTable = 'sync_job_work' | 'processing_job_work';

/**
 * A migration for the set of a service whose first migration creates its old queue. On a new database where another
 * service's start created `work_queue` first (moving and dropping the old queues that existed then), that first
 * migration still runs later and creates the old queue again, empty and unused; this drops it. It drops nothing
 * before `work_queue` exists (the work-queue migration has rows to move then) and never a table holding rows.
 * Frozen in time like any migration: change nothing here, add a new one.
 */
export const dropRecreatedOldQueue = (table: OldQueueTable): Migration => ({
  up: async (db: Kysely<unknown>): Promise<void> => {
    // Two levels: the inner query is planned only once the table is known to exist.
    await sql`
      do $$
      begin
        if to_regclass('work_queue') is not null and to_regclass(${sql.lit(table)}) is not null then
          if not exists (select 1 from ${sql.table(table)}) then
            drop table ${sql.table(table)};
          end if;
        end if;
      end $$`.execute(db);
  },
  // The table dropped was empty and unused: there is nothing to bring back.
  down: async (): Promise<void> => undefined,
});
