// `npm run migrate`: applies every pending migration to DATABASE_URL (services also do this at start).
import { createDb, databaseUrlFromEnv, migrateToLatest } from '@sf/db';
import { ALL_MIGRATION_SETS } from './migration-sets';

const main = async (): Promise<void> => {
  const url = databaseUrlFromEnv();
  const db = createDb({ url, max: 1, applicationName: 'migrate' });
  try {
    const { applied } = await migrateToLatest(db, ALL_MIGRATION_SETS);
    console.log(
      applied.length === 0 ? 'schema is up to date' : `applied ${applied.length} migration(s): ${applied.join(', ')}`,
    );
  } finally {
    await db.destroy();
  }
};

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
