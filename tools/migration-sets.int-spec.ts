import { Migrator, sql, type Kysely } from 'kysely';
import { migrateToLatest } from '@sf/db';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { workQueueMigrations } from '@sf/work-queue';
import { FETCHER_MIGRATION_SETS } from '../apps/clio-fetcher/src/schema/fetcher-schema';
import { PROCESSOR_MIGRATION_SETS } from '../apps/document-processor/src/schema/processor-schema';
import { ALL_MIGRATION_SETS } from './migration-sets';

const tableExists = async (db: Kysely<unknown>, table: string): Promise<boolean> =>
  (await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db)).rows[0]?.t != null;

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

  it.each([
    ['the fetcher', 'the processor', FETCHER_MIGRATION_SETS, PROCESSOR_MIGRATION_SETS],
    ['the processor', 'the fetcher', PROCESSOR_MIGRATION_SETS, FETCHER_MIGRATION_SETS],
  ])('leaves no old queue on a new database where %s migrates before %s', async (_a, _b, first, second) => {
    await migrateToLatest(t.db, first);
    await migrateToLatest(t.db, second);
    for (const table of ['work_queue', 'processed_documents', 'sync_bookmarks'])
      expect({ table, exists: await tableExists(t.db, table) }).toEqual({ table, exists: true });
    for (const table of ['processing_job_work', 'sync_job_work'])
      expect({ table, exists: await tableExists(t.db, table) }).toEqual({ table, exists: false });
  });

  it('keeps an old queue until the work-queue migration has moved its rows', async () => {
    // A database of the days before work_queue: the processor's set runs first and must not drop its old queue.
    const withoutWorkQueue = PROCESSOR_MIGRATION_SETS.filter((s) => s !== workQueueMigrations);
    await migrateToLatest(t.db, withoutWorkQueue);
    expect(await tableExists(t.db, 'processing_job_work')).toBe(true);
    await sql`
      insert into processing_job_work (job_id, firm_id, status, requested_at, correlation_id)
      values ('p1', 'f', 'ready', now(), 'c1')`.execute(t.db);
    await migrateToLatest(t.db, [workQueueMigrations]);
    expect(await tableExists(t.db, 'processing_job_work')).toBe(false);
    const { rows } = await sql<{
      job_id: string;
    }>`select job_id from work_queue where queue = 'processing-jobs'`.execute(t.db);
    expect(rows).toEqual([{ job_id: 'p1' }]);
  });
});
