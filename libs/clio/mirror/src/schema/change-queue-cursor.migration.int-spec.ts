import { sql } from 'kysely';
import { migrateToLatest, type MigrationSet } from '@sf/db';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { unpublishedChanges } from '../changes/change-queue';
import { clioMirrorMigrations } from './clio-mirror-migrations';
import type { ClioMirrorTables } from './clio-mirror.tables';

const CURSOR_MIGRATION = '2026-12-05T03-change-queue-cursor';

describe(`migration ${CURSOR_MIGRATION}`, () => {
  let t: TestDatabase<ClioMirrorTables>;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(() => t.drop());

  it('keeps the changes published under the marks published and the queued ones queued, in log order', async () => {
    const before: MigrationSet = {
      ...clioMirrorMigrations,
      migrations: Object.fromEntries(
        Object.entries(clioMirrorMigrations.migrations).filter(([name]) => name < CURSOR_MIGRATION),
      ),
    };
    await migrateToLatest(t.db, [before]);
    for (const [n, published] of [
      [1, true],
      [3, false],
      [2, false],
      [4, true],
    ] as const)
      await sql`
        insert into clio_record_changes (change_id, firm_id, entity_type, record_id, tx_id, global_position, change,
          fields, source, observed_at, published_at)
        values (${`00000000-0000-4000-8000-00000000000${n}`}::uuid, 'firm-m', 'matters', ${String(n)}, ${n}, ${n},
          'created', '{}'::jsonb, 'initial_sync', now(), ${published ? new Date() : null})`.execute(t.db);

    await migrateToLatest(t.db, [clioMirrorMigrations]);

    expect((await unpublishedChanges(t.db, 10)).map((c) => c.change.recordId)).toEqual(['2', '3']);
  });
});
