import { sql, type Kysely } from 'kysely';

/**
 * Pages of 200 records (~100 KB of JSON) are most of the log, and every one is compressed once on append and read
 * back by the relay and two projections. lz4 does both about twice as fast as Postgres's default pglz, for slightly
 * smaller rows. Only rows written from now on use it (old ones stay readable as they are). A server built without lz4
 * keeps pglz: the log works the same, only slower. Frozen in time: raw SQL against an untyped handle.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    do $$ begin
      alter table es_events alter column data set compression lz4;
    exception when feature_not_supported then
      raise notice 'es_events.data keeps pglz: this server was built without lz4';
    end $$`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table es_events alter column data set compression default`.execute(db);
};
