import type { MigrationSet } from '@sf/db';
import { clioClientMigrations } from '@sf/clio-client';
import { clioMirrorMigrations } from '@sf/clio-mirror';
import { eventStoreMigrations } from '@sf/event-store';
import { messagingMigrations } from '@sf/messaging';
import { projectionsMigrations } from '@sf/projections';
import { readModelsMigrations } from '@sf/sync-read-models';

/**
 * What the orchestrator migrates at start (it owns no table of its own): the platform's tables, the read models it
 * runs and reads, the rate budget and the mirror it reads.
 */
export const ORCHESTRATOR_MIGRATION_SETS: readonly MigrationSet[] = [
  eventStoreMigrations,
  messagingMigrations,
  projectionsMigrations,
  readModelsMigrations,
  clioClientMigrations,
  clioMirrorMigrations,
];
