import { Client } from 'pg';
import type { Kysely } from 'kysely';
import { createDb, migrateToLatest, type MigrationSet } from '@sf/db';
import { uniqueName } from './unique-name';

/** Server-level URL used to create and drop per-test databases. */
export const ADMIN_DATABASE_URL =
  process.env['TEST_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A per-test database holding every owner's tables; `T` names the ones the test reads and writes (its own owner's
 * tables plus the platform tables it uses), like a process composing its handle.
 */
export interface TestDatabase<T = unknown> {
  name: string;
  url: string;
  db: Kysely<T>;
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>;
}

const withAdmin = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
  const c = new Client({ connectionString: ADMIN_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

const urlFor = (name: string): string => {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

type MigrationSource = () => Promise<readonly MigrationSet[]>;

let registered: MigrationSource | undefined;

/**
 * The migrations every test database gets. The workspace registry (tools/migration-sets.ts) knows every owner's
 * schema, services included, which no lib may import; Jest's setup file hands it over before each test file
 * (lazily: tests that never open a database never load it).
 */
export const useTestMigrations = (source: MigrationSource): void => {
  registered = source;
};

const testMigrations = (): Promise<readonly MigrationSet[]> => {
  if (registered === undefined)
    throw new Error('no test migrations registered: run tests through jest.config.js (tools/jest-setup.ts)');
  return registered();
};

/** A fresh database with every owner's migrations applied; each test file gets its own, and drops it when done. */
export const createTestDatabase = async <T = unknown>(
  opts: { migrate?: boolean; max?: number } = {},
): Promise<TestDatabase<T>> => {
  const name = uniqueName('sf_test');
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = urlFor(name);
  const db = createDb<T>({ url, max: opts.max ?? 10, applicationName: name });
  if (opts.migrate !== false) await migrateToLatest(db, await testMigrations());
  return {
    name,
    url,
    db,
    drop: async () => {
      await db.destroy();
      // pg-pool's end() resolves before every socket has closed; wait for the server to see them gone so that
      // FORCE only has to deal with connections a test leaked (child processes), not our own pool.
      await withAdmin(async (c) => {
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
};
