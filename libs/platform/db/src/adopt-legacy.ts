import { sql, type Kysely } from 'kysely';
import { migrationTableOf, type MigrationSet } from './migration-set';

/** Where every migration was recorded before each owner had its own table (Kysely's default). */
const LEGACY_TABLE = 'kysely_migration';

/**
 * A database migrated by the old single list has its history in `kysely_migration`. Before an owner's first run,
 * its table is created holding the legacy rows of its own migration names, so none of them runs twice. Under a
 * transaction-scoped advisory lock: concurrent starters adopt once. Later runs find the owner table and do nothing.
 */
export const adoptLegacyHistory = async <DB>(db: Kysely<DB>, set: MigrationSet): Promise<void> => {
  const table = migrationTableOf(set.owner);
  const names = Object.keys(set.migrations);
  await db.transaction().execute(async (trx) => {
    // Raw SQL throughout: catalog lookups and DDL on tables named at run time, outside any typed schema.
    await sql`select pg_advisory_xact_lock(hashtext(${table}))`.execute(trx);
    const { rows } = await sql<{ legacy: string | null; own: string | null }>`
      select to_regclass(${LEGACY_TABLE})::text as legacy, to_regclass(${table})::text as own`.execute(trx);
    const found = rows[0];
    if (!found?.legacy || found.own !== null || names.length === 0) return;
    // The shape Kysely's Migrator creates, so it takes this table as its own.
    await sql`create table ${sql.table(table)} (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(
      trx,
    );
    await sql`
      insert into ${sql.table(table)} (name, timestamp)
      select name, timestamp from ${sql.table(LEGACY_TABLE)} where name = any(${names}::text[])`.execute(trx);
  });
};
