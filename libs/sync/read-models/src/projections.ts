import { jobSnapshotsProjection } from './job-snapshots/job-snapshots.projection';
import { matterSyncStateProjection } from './matter-sync-state/matter-sync-state.projection';
import { widenProjection, type Projection } from '@sf/projections';
import type { ReadModelTables } from './schema/read-models.tables';
import type { SyncJobsTables } from './schema/sync-jobs.tables';
import { firmConnectionsProjection } from './sync-jobs/firm-connections.projection';
import { syncJobsProjection } from './sync-jobs/sync-jobs.projection';

/** Every table this lib's read models own. */
export type SyncReadModelTables = ReadModelTables & SyncJobsTables;

/** The projections of this lib, in no particular order (each has its own checkpoint); tools/projection-registry.ts lists every projection of the platform. */
export const syncReadModelProjections: readonly Projection<SyncReadModelTables>[] = [
  widenProjection<ReadModelTables, SyncReadModelTables>(matterSyncStateProjection),
  widenProjection<ReadModelTables, SyncReadModelTables>(jobSnapshotsProjection),
  widenProjection<SyncJobsTables, SyncReadModelTables>(syncJobsProjection),
  widenProjection<SyncJobsTables, SyncReadModelTables>(firmConnectionsProjection),
];

export const projectionByName = (name: string): Projection<SyncReadModelTables> | undefined =>
  syncReadModelProjections.find((p) => p.name === name);
