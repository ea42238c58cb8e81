import type { Kysely, Transaction } from 'kysely';
import type { EventStoreTables } from './schema/event-store.tables';
import type { MessagingTables } from './schema/messaging.tables';
import type { ReadModelTables } from './schema/read-models.tables';
import type { TokenVaultTables } from './schema/token-vault.tables';
import type { ClioClientTables } from './schema/clio-client.tables';
import type { AuthServiceTables } from './schema/auth-service.tables';
import type { SyncJobsTables } from './schema/sync-jobs.tables';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';
import type { FetcherTables } from './schema/fetcher.tables';
import type { DocumentProcessorTables } from './schema/document-processor.tables';
import type { WorkQueueTables } from './schema/work-queue.tables';

/**
 * Every table of the platform. Each concern keeps its table interfaces in its own file under schema/;
 * the migrations under migrations/ are what actually create them.
 */
export interface Database
  extends EventStoreTables, MessagingTables, ReadModelTables, TokenVaultTables, ClioClientTables, AuthServiceTables,
    SyncJobsTables, ClioMirrorTables, FetcherTables, DocumentProcessorTables, WorkQueueTables {}

/** Anything that can run a query: the pool or an open transaction. Passed explicitly, never ambient. */
export type Executor = Kysely<Database> | Transaction<Database>;
