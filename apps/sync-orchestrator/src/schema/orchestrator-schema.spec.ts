import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { OrchestratorDb } from './orchestrator-schema';

// The table types a service composes are its boundary: naming another owner's table does not compile. The
// `@ts-expect-error` lines fail `npm run typecheck` the day the orchestrator's type gains those tables.
const queriesOutsideTheOrchestrator = (db: Kysely<OrchestratorDb>): string[] => [
  // @ts-expect-error the document processor's table: the orchestrator neither migrates nor reads it
  db.selectFrom('processed_documents').selectAll().compile().sql,
  // @ts-expect-error the token vault's table: only the auth service holds tokens
  db.selectFrom('clio_connections').selectAll().compile().sql,
  // @ts-expect-error the fetcher's table
  db.selectFrom('sync_bookmarks').selectAll().compile().sql,
];

describe('OrchestratorDb', () => {
  it('names only the tables the orchestrator migrates (checked by the compiler; the queries still build)', async () => {
    // Builds SQL without connecting: the pool opens no connection until a query runs.
    const db = new Kysely<OrchestratorDb>({ dialect: new PostgresDialect({ pool: new Pool({ max: 1 }) }) });
    try {
      expect(queriesOutsideTheOrchestrator(db)).toEqual([
        'select * from "processed_documents"',
        'select * from "clio_connections"',
        'select * from "sync_bookmarks"',
      ]);
      expect(db.selectFrom('sync_jobs').selectAll().compile().sql).toBe('select * from "sync_jobs"');
    } finally {
      await db.destroy();
    }
  });
});
