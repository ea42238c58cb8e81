import { jobSnapshotsProjection } from './job-snapshots/job-snapshots.projection';
import { matterSyncStateProjection } from './matter-sync-state/matter-sync-state.projection';
import type { Projection } from '@sf/projections';
import { firmConnectionsProjection } from './sync-jobs/firm-connections.projection';
import { syncJobsProjection } from './sync-jobs/sync-jobs.projection';

/** The projections of this lib, in no particular order (each has its own checkpoint); tools/projection-registry.ts lists every projection of the platform. */
export const syncReadModelProjections: readonly Projection[] = [
  matterSyncStateProjection,
  jobSnapshotsProjection,
  syncJobsProjection,
  firmConnectionsProjection,
];

export const projectionByName = (name: string): Projection | undefined =>
  syncReadModelProjections.find((p) => p.name === name);
