import { jobSnapshotsProjection } from './job-snapshots/job-snapshots.projection';
import { matterSyncStateProjection } from './matter-sync-state/matter-sync-state.projection';
import type { Projection } from './projection';
import { firmConnectionsProjection } from './sync-jobs/firm-connections.projection';
import { syncJobsProjection } from './sync-jobs/sync-jobs.projection';

/** Every projection the platform runs, in no particular order (each has its own checkpoint). */
export const allProjections: readonly Projection[] = [
  matterSyncStateProjection, jobSnapshotsProjection, syncJobsProjection, firmConnectionsProjection,
];

export const projectionByName = (name: string): Projection | undefined => allProjections.find((p) => p.name === name);
