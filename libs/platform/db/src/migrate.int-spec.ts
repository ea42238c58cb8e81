import { sql } from 'kysely';
import { createDb } from './create-db';
import { migrateToLatest } from './migrate';
import { createTestDatabase, type TestDatabase } from '@sf/testing';

describe('migrateToLatest', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(() => t.drop());

  it('is safe when several processes start at once: each migration is applied exactly once', async () => {
    const handles = Array.from({ length: 4 }, () => createDb({ url: t.url, max: 2 }));
    try {
      const outcomes = await Promise.all(handles.map((h) => migrateToLatest(h)));
      const appliedTotal = outcomes.reduce((n, o) => n + o.applied.length, 0);
      const { rows } = await sql<{ n: string }>`select count(*)::text as n from kysely_migration`.execute(t.db);
      expect(appliedTotal).toBe(Number(rows[0]!.n));
      expect(new Set(outcomes.flatMap((o) => o.applied)).size).toBe(appliedTotal);
    } finally {
      await Promise.all(handles.map((h) => h.destroy()));
    }
  });
});
