import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { createDb } from './create-db';
import { migrateToLatest } from './migrate';
import type { MigrationSet } from './migration-set';

const createTable = (table: string): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await sql`create table ${sql.table(table)} (id int primary key)`.execute(db);
  },
});

const alpha: MigrationSet = {
  owner: 'alpha',
  migrations: { '2026-01-01T01-a1': createTable('a1'), '2026-01-01T03-a2': createTable('a2') },
};
const beta: MigrationSet = { owner: 'beta', migrations: { '2026-01-01T02-b1': createTable('b1') } };

const namesIn = async (db: Kysely<unknown>, table: string): Promise<string[]> =>
  (await sql<{ name: string }>`select name from ${sql.table(table)} order by name`.execute(db)).rows.map((r) => r.name);

describe('migrateToLatest', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterEach(() => t.drop());

  it('is safe when several processes start at once: each migration is applied exactly once', async () => {
    const handles = Array.from({ length: 4 }, () => createDb({ url: t.url, max: 2 }));
    try {
      const outcomes = await Promise.all(handles.map((h) => migrateToLatest(h, [alpha, beta])));
      const applied = outcomes.flatMap((o) => o.applied);
      expect(applied.sort()).toEqual(['alpha/2026-01-01T01-a1', 'alpha/2026-01-01T03-a2', 'beta/2026-01-01T02-b1']);
    } finally {
      await Promise.all(handles.map((h) => h.destroy()));
    }
  });

  it('records each owner in its own table, so a process may run only the owners it uses', async () => {
    expect((await migrateToLatest(t.db, [beta])).applied).toEqual(['beta/2026-01-01T02-b1']);
    expect((await migrateToLatest(t.db, [alpha, beta])).applied).toEqual([
      'alpha/2026-01-01T01-a1',
      'alpha/2026-01-01T03-a2',
    ]);
    expect((await migrateToLatest(t.db, [alpha])).applied).toEqual([]);
    const db = t.db as unknown as Kysely<unknown>;
    expect(await namesIn(db, 'sf_migrations_alpha')).toEqual(['2026-01-01T01-a1', '2026-01-01T03-a2']);
    expect(await namesIn(db, 'sf_migrations_beta')).toEqual(['2026-01-01T02-b1']);
  });

  it('adopts the history of a database migrated by the old single list: nothing runs twice', async () => {
    const db = t.db as unknown as Kysely<unknown>;
    // The old way: one list of every migration, recorded in Kysely's default kysely_migration table.
    const legacy = { ...alpha.migrations, ...beta.migrations };
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => legacy } }).migrateToLatest();
    expect(error).toBeUndefined();
    const withNew: MigrationSet = {
      ...alpha,
      migrations: { ...alpha.migrations, '2026-01-01T04-a3': createTable('a3') },
    };
    expect((await migrateToLatest(t.db, [withNew, beta])).applied).toEqual(['alpha/2026-01-01T04-a3']);
    expect(await namesIn(db, 'sf_migrations_alpha')).toEqual([
      '2026-01-01T01-a1',
      '2026-01-01T03-a2',
      '2026-01-01T04-a3',
    ]);
    expect(await namesIn(db, 'sf_migrations_beta')).toEqual(['2026-01-01T02-b1']);
  });
});
