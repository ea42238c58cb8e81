import { sql, type Kysely } from 'kysely';

/**
 * The inbox is pruned by age per consumer (`pruneInbox`): this index lets each pass find a consumer's oldest rows
 * without reading the rest. Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`create index inbox_consumer_processed_at on inbox (consumer, processed_at)`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop index if exists inbox_consumer_processed_at`.execute(db);
};
