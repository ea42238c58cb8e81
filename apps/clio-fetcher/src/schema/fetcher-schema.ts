import type { MigrationSet } from '@sf/db';
import { clioClientMigrations, type ClioClientTables } from '@sf/clio-client';
import { clioMirrorMigrations, type ClioMirrorTables } from '@sf/clio-mirror';
import { eventStoreMigrations, type EventStoreTables } from '@sf/event-store';
import { messagingMigrations, type MessagingTables } from '@sf/messaging';
import { workQueueMigrations, type WorkQueueTables } from '@sf/work-queue';
import type { FetcherTables } from './fetcher.tables';
import { fetcherMigrations } from './fetcher-migrations';

/** What the fetcher migrates at start: the platform's tables, those of the libs it reads and writes, and its own. */
export const FETCHER_MIGRATION_SETS: readonly MigrationSet[] = [
  eventStoreMigrations,
  messagingMigrations,
  clioClientMigrations,
  clioMirrorMigrations,
  fetcherMigrations,
  // After the fetcher's own: it moves the old sync_job_work rows into work_queue.
  workQueueMigrations,
];

/** The tables the fetcher reads and writes: exactly those its sets migrate. */
export type FetcherDb = EventStoreTables &
  MessagingTables &
  ClioClientTables &
  ClioMirrorTables &
  FetcherTables &
  WorkQueueTables;
