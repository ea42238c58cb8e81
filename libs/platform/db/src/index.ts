export { createDb } from './create-db';
export type { CreateDbOptions } from './create-db';
export { databaseUrlFromEnv, DEFAULT_DATABASE_URL } from './config';
export { migrateToLatest } from './migrate';
export type { MigrateOutcome } from './migrate';
export type { Database, Executor } from './database';
export type { EventStoreTables } from './schema/event-store.tables';
export type { MessagingTables } from './schema/messaging.tables';
export type { ReadModelTables } from './schema/read-models.tables';
