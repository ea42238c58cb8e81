import type { MigrationSet } from '@sf/db';
import { eventStoreMigrations, type EventStoreTables } from '@sf/event-store';
import { messagingMigrations, type MessagingTables } from '@sf/messaging';
import { tokenVaultMigrations, type TokenVaultTables } from '@sf/token-vault';
import { authServiceMigrations } from './auth-service-migrations';
import type { AuthServiceTables } from './auth-service.tables';

/** What the auth service migrates at start: the platform's tables, the token vault's, and its own. */
export const AUTH_SERVICE_MIGRATION_SETS: readonly MigrationSet[] = [
  eventStoreMigrations,
  messagingMigrations,
  tokenVaultMigrations,
  authServiceMigrations,
];

/** The tables the auth service reads and writes: exactly those its sets migrate. */
export type AuthServiceDb = EventStoreTables & MessagingTables & TokenVaultTables & AuthServiceTables;
