import type { MigrationSet } from '@sf/db';
import { clioClientMigrations, type ClioClientTables } from '@sf/clio-client';
import { clioMirrorMigrations, type ClioMirrorTables } from '@sf/clio-mirror';
import { eventStoreMigrations, type EventStoreTables } from '@sf/event-store';
import { messagingMigrations, type MessagingTables } from '@sf/messaging';
import { readModelsMigrations, type SyncJobsTables } from '@sf/sync-read-models';
import { webhooksMigrations, type WebhooksTables } from '@sf/sync-webhooks';

/** What the webhooks service migrates at start: the platform's tables, those of the libs it uses, and its own. */
export const WEBHOOKS_MIGRATION_SETS: readonly MigrationSet[] = [
  eventStoreMigrations,
  messagingMigrations,
  clioClientMigrations,
  clioMirrorMigrations,
  // firm_connections: which firms are connected (the registrar's list).
  readModelsMigrations,
  webhooksMigrations,
];

/** The tables the webhooks service reads and writes: exactly those its sets migrate. */
export type WebhooksDb = EventStoreTables &
  MessagingTables &
  ClioClientTables &
  ClioMirrorTables &
  SyncJobsTables &
  WebhooksTables;
