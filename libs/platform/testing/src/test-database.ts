import type { Kysely } from 'kysely';
import { createDb, migrateToLatest, type MigrationSet } from '@sf/db';
import { uniqueName } from './unique-name';
import { createDatabase, dropDatabase } from './admin-database';

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

/**
 * A database on the admin URL's server holding every owner's migrations, which test databases are copied from
 * (`CREATE DATABASE ... TEMPLATE`: a file copy instead of running every migration again). The Jest global setup makes
 * it on the run's own cluster (tools/test-postgres.ts); unset, each test database is migrated.
 */
export const TEST_TEMPLATE_DATABASE_ENV = 'SF_TEST_TEMPLATE_DATABASE';

/** A fresh database with every owner's migrations applied; each test file gets its own, and drops it when done. */
export const createTestDatabase = async <T = unknown>(
  opts: { migrate?: boolean; max?: number } = {},
): Promise<TestDatabase<T>> => {
  const name = uniqueName('sf_test');
  const template = opts.migrate === false ? undefined : process.env[TEST_TEMPLATE_DATABASE_ENV] || undefined;
  const url = await createDatabase(ADMIN_DATABASE_URL, name, template);
  const db = createDb<T>({ url, max: opts.max ?? 10, applicationName: name });
  if (opts.migrate !== false && template === undefined) await migrateToLatest(db, await testMigrations());
  return {
    name,
    url,
    db,
    drop: async () => {
      await db.destroy();
      await dropDatabase(ADMIN_DATABASE_URL, name);
    },
  };
};
