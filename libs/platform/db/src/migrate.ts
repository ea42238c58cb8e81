import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { adoptLegacyHistory } from './adopt-legacy';
import { migrationTableOf, type MigrationSet } from './migration-set';

export interface MigrateOutcome {
  /** `<owner>/<migration name>` of each migration applied by this call, in order. */
  applied: string[];
}

/**
 * Brings each owner's tables to its latest migration, owner by owner in the order given (owners do not depend on
 * one another's tables). Each owner has its own history table, so a process runs only the sets it uses and
 * Kysely never meets migrations it was not given. Kysely's Migrator holds a Postgres advisory lock while it runs,
 * so processes starting at once apply each migration exactly once. A failed migration is an outage: it throws.
 */
export const migrateToLatest = async <DB>(db: Kysely<DB>, sets: readonly MigrationSet[]): Promise<MigrateOutcome> => {
  const applied: string[] = [];
  for (const set of sets) {
    await adoptLegacyHistory(db, set);
    const migrator = new Migrator({
      // Migrations are frozen in time: Kysely hands them an untyped handle, never today's table types.
      db,
      provider: { getMigrations: () => Promise.resolve(set.migrations) },
      migrationTableName: migrationTableOf(set.owner),
      migrationLockTableName: 'sf_migration_lock',
    });
    const { error, results } = await migrator.migrateToLatest();
    const done = (results ?? []).filter((r: MigrationResult) => r.status === 'Success');
    applied.push(...done.map((r) => `${set.owner}/${r.migrationName}`));
    if (error) {
      const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(
        `migration ${set.owner}/${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }
  return { applied };
};
