import type { MigrationSet } from '@sf/db';
import { clioClientMigrations, type ClioClientTables } from '@sf/clio-client';
import { clioMirrorMigrations, type ClioMirrorTables } from '@sf/clio-mirror';
import { eventStoreMigrations, type EventStoreTables } from '@sf/event-store';
import { messagingMigrations, type MessagingTables } from '@sf/messaging';
import { projectionsMigrations, type ProjectionsTables } from '@sf/projections';
import { readModelsMigrations, type SyncReadModelTables } from '@sf/sync-read-models';
import { webhooksMigrations, type WebhooksTables } from '@sf/sync-webhooks';
import { orchestratorMigrations } from './orchestrator-migrations';
import type { OrchestratorTables } from './orchestrator.tables';

/**
 * What the orchestrator migrates at start: the platform's tables, the read models it runs and reads, the rate budget
 * and the mirror it reads, the webhook subscriptions whose health it reads, and its own (the schedules).
 */
export const ORCHESTRATOR_MIGRATION_SETS: readonly MigrationSet[] = [
  eventStoreMigrations,
  messagingMigrations,
  projectionsMigrations,
  readModelsMigrations,
  clioClientMigrations,
  clioMirrorMigrations,
  webhooksMigrations,
  orchestratorMigrations,
];

/** The tables the orchestrator reads and writes: exactly those its sets migrate. */
export type OrchestratorDb = EventStoreTables &
  MessagingTables &
  ProjectionsTables &
  SyncReadModelTables &
  ClioClientTables &
  ClioMirrorTables &
  WebhooksTables &
  OrchestratorTables;
