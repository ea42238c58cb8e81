import type { MigrationSet } from '@sf/db';
import { eventStoreMigrations } from '@sf/event-store';
import { messagingMigrations } from '@sf/messaging';
import { tokenVaultMigrations } from '@sf/token-vault';
import { authServiceMigrations } from './auth-service-migrations';

/** What the auth service migrates at start: the platform's tables, the token vault's, and its own. */
export const AUTH_SERVICE_MIGRATION_SETS: readonly MigrationSet[] = [
  eventStoreMigrations,
  messagingMigrations,
  tokenVaultMigrations,
  authServiceMigrations,
];
