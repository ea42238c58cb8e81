import type { MigrationSet } from '@sf/db';
import { clioClientMigrations } from '@sf/clio-client';
import { clioMirrorMigrations } from '@sf/clio-mirror';
import { eventStoreMigrations } from '@sf/event-store';
import { messagingMigrations } from '@sf/messaging';
import { workQueueMigrations } from '@sf/work-queue';
import { documentProcessorMigrations } from './document-processor-migrations';

/** What the processor migrates at start: the platform's tables, those of the libs it reads and writes, and its own. */
export const PROCESSOR_MIGRATION_SETS: readonly MigrationSet[] = [
  eventStoreMigrations,
  messagingMigrations,
  clioClientMigrations,
  clioMirrorMigrations,
  documentProcessorMigrations,
  // After the processor's own: it moves the old processing_job_work rows into work_queue.
  workQueueMigrations,
];
