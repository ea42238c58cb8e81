import { Kysely, Migrator, type MigrationResult, type MigrationProvider, type Migration } from 'kysely';
import { migrations } from './migrations';

const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => migrations };

export interface MigrateOutcome {
  applied: string[];
}

/**
 * Brings the schema to the latest migration. Kysely's Migrator holds a Postgres advisory lock while it runs,
 * so two processes starting at once apply each migration exactly once. A failed migration is an outage: it throws.
 */
export const migrateToLatest = async <DB>(db: Kysely<DB>): Promise<MigrateOutcome> => {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied };
};
