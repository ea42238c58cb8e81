// The registry of every projection of the platform, for `npm run projections` and whole-stack tests. Each feature
// defines and exports its own read models; this is the one list of them all.
import {
  clioMirrorPartitions,
  mirrorPartitionsFromEnv,
  pendingWritesProjection,
  type ClioMirrorTables,
  type ClioPendingWritesTables,
} from '@sf/clio-mirror';
import { widenProjection, type Projection } from '@sf/projections';
import { syncReadModelProjections, type SyncReadModelTables } from '@sf/sync-read-models';
import { processedDocumentsProjection } from '../apps/document-processor/src/read-model/processed-documents.projection';
import type { DocumentProcessorTables } from '../apps/document-processor/src/schema/document-processor.tables';
import { syncSchedulesProjection } from '../apps/sync-orchestrator/src/schedule/schedule.projection';
import type { OrchestratorTables } from '../apps/sync-orchestrator/src/schema/orchestrator.tables';

type ScheduleTables = Pick<OrchestratorTables, 'sync_schedules'>;

/** Every read-model table, each written by the one projection that owns it. */
export type ReadModelDb = SyncReadModelTables & ClioMirrorTables & DocumentProcessorTables & ScheduleTables;

export const ALL_PROJECTIONS: readonly Projection<ReadModelDb>[] = [
  ...syncReadModelProjections.map((p) => widenProjection<SyncReadModelTables, ReadModelDb>(p)),
  // SF_MIRROR_PARTITIONS (default 1): the mirror by firm in that many partitions, each its own checkpoint and lock.
  ...clioMirrorPartitions(mirrorPartitionsFromEnv()).map((p) => widenProjection<ClioMirrorTables, ReadModelDb>(p)),
  widenProjection<ClioPendingWritesTables, ReadModelDb>(pendingWritesProjection),
  widenProjection<DocumentProcessorTables, ReadModelDb>(processedDocumentsProjection),
  widenProjection<ScheduleTables, ReadModelDb>(syncSchedulesProjection),
];

/** The projection of that name, or every partition of it (`clio-mirror` -> `clio-mirror#1/4`, ...). */
export const projectionsNamed = (name: string): Projection<ReadModelDb>[] =>
  ALL_PROJECTIONS.filter((p) => p.name === name || p.name.startsWith(`${name}#`));
