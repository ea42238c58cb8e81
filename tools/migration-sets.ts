// The registry of every owner's migrations, for `npm run migrate`, the tools, benchmarks and test databases.
// It lives outside the projects: it is the one place allowed to know every service's schema.
import type { MigrationSet } from '@sf/db';
import { clioClientMigrations } from '@sf/clio-client';
import { clioMirrorMigrations } from '@sf/clio-mirror';
import { eventStoreMigrations } from '@sf/event-store';
import { messagingMigrations } from '@sf/messaging';
import { projectionsMigrations } from '@sf/projections';
import { readModelsMigrations } from '@sf/sync-read-models';
import { tokenVaultMigrations } from '@sf/token-vault';
import { webhooksMigrations } from '@sf/sync-webhooks';
import { workQueueMigrations } from '@sf/work-queue';
import { authServiceMigrations } from '../apps/auth-service/src/schema/auth-service-migrations';
import type { AuthServiceDb } from '../apps/auth-service/src/schema/auth-service-schema';
import { fetcherMigrations } from '../apps/clio-fetcher/src/schema/fetcher-migrations';
import type { FetcherDb } from '../apps/clio-fetcher/src/schema/fetcher-schema';
import { documentProcessorMigrations } from '../apps/document-processor/src/schema/document-processor-migrations';
import type { ProcessorDb } from '../apps/document-processor/src/schema/processor-schema';
import type { OrchestratorDb } from '../apps/sync-orchestrator/src/schema/orchestrator-schema';
import type { WebhooksDb } from '../apps/webhooks/src/schema/webhooks-schema';
import { orchestratorMigrations } from '../apps/sync-orchestrator/src/schema/orchestrator-migrations';

/** Every table of the platform (what the sets below migrate), for the tools that see the whole database. */
export type PlatformDb = AuthServiceDb & FetcherDb & ProcessorDb & OrchestratorDb & WebhooksDb;

/** Every owner's migrations: the platform's first, then libs, then services. */
export const ALL_MIGRATION_SETS: readonly MigrationSet[] = [
  eventStoreMigrations,
  messagingMigrations,
  projectionsMigrations,
  readModelsMigrations,
  tokenVaultMigrations,
  clioClientMigrations,
  clioMirrorMigrations,
  fetcherMigrations,
  authServiceMigrations,
  documentProcessorMigrations,
  webhooksMigrations,
  orchestratorMigrations,
  // After the fetcher's and the processor's: it moves their old queues' rows into work_queue.
  workQueueMigrations,
];
