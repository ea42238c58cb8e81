import { Migrator, sql, type Kysely } from 'kysely';
import { migrateToLatest } from '@sf/db';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { ALL_MIGRATION_SETS } from './migration-sets';

/** Every migration name of the old single list in @sf/db (kysely_migration), before owners had their own. */
const LEGACY_NAMES = [
  '2026-11-23T01-event-store',
  '2026-11-23T02-messaging',
  '2026-11-23T03-read-models',
  '2026-11-23T04-token-vault',
  '2026-11-23T05-clio-rate-budget',
  '2026-11-23T06-clio-mirror',
  '2026-11-23T07-fetcher',
  '2026-11-23T08-sync-jobs',
  '2026-11-23T09-auth-service',
  '2026-11-23T11-document-processor',
];

describe('the migration registry', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterEach(() => t.drop());

  it('names each migration once across owners, and each owner once', () => {
    const names = ALL_MIGRATION_SETS.flatMap((s) => Object.keys(s.migrations));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(ALL_MIGRATION_SETS.map((s) => s.owner)).size).toBe(ALL_MIGRATION_SETS.length);
  });

  it('takes over a database migrated by the old single list (kysely_migration) without re-running anything', async () => {
    const db = t.db as unknown as Kysely<unknown>;
    // The old list, run the old way: one record of every migration in Kysely's default table.
    const all = Object.fromEntries(ALL_MIGRATION_SETS.flatMap((s) => Object.entries(s.migrations)));
    const legacy = Object.fromEntries(LEGACY_NAMES.map((n) => [n, all[n]!]));
    expect(
      (await new Migrator({ db, provider: { getMigrations: async () => legacy } }).migrateToLatest()).error,
    ).toBeUndefined();
    const { applied } = await migrateToLatest(t.db, ALL_MIGRATION_SETS);
    expect(applied.filter((a) => LEGACY_NAMES.includes(a.slice(a.indexOf('/') + 1)))).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from es_events`.execute(db);
    expect(rows[0]?.n).toBe(0);
  });
});
