import { sql, type Kysely } from 'kysely';

/**
 * Finished rows are pruned by age per queue (`pruneFinishedWork`): this partial index lets each pass find a queue's
 * oldest done and cancelled rows without reading the live ones. Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create index work_queue_finished on work_queue (queue, updated_at) where status in ('done', 'cancelled')`.execute(
    db,
  );
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop index if exists work_queue_finished`.execute(db);
};
