export { createDb } from './create-db';
export type { CreateDbOptions } from './create-db';
export { databaseUrlFromEnv, DEFAULT_DATABASE_URL } from './config';
export { migrateToLatest } from './migrate';
export type { MigrateOutcome } from './migrate';
export type { MigrationSet } from './migration-set';
export { tablesOf } from './executor';
export type { Executor } from './executor';
