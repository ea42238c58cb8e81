import type { MigrationSet } from '@sf/db';
import { clioClientMigrations, type ClioClientTables } from '@sf/clio-client';
import { clioMirrorMigrations, type ClioMirrorTables } from '@sf/clio-mirror';
import { eventStoreMigrations, type EventStoreTables } from '@sf/event-store';
import { messagingMigrations, type MessagingTables } from '@sf/messaging';
import { workQueueMigrations, type WorkQueueTables } from '@sf/work-queue';
import type { DocumentProcessorTables } from './document-processor.tables';
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

/** The tables the processor reads and writes: exactly those its sets migrate. */
export type ProcessorDb = EventStoreTables &
  MessagingTables &
  ClioClientTables &
  ClioMirrorTables &
  DocumentProcessorTables &
  WorkQueueTables;
