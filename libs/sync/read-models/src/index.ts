export { syncReadModelProjections, projectionByName } from './projections';
export type { SyncReadModelTables } from './projections';
export {
  createMatterSyncStateProjection,
  matterSyncStateProjection,
} from './matter-sync-state/matter-sync-state.projection';
export { MatterSyncStatus } from './matter-sync-state/matter-sync-row';
export type { MatterSyncRow, MatterSyncProgress } from './matter-sync-state/matter-sync-row';
export { createJobSnapshotsProjection, jobSnapshotsProjection } from './job-snapshots/job-snapshots.projection';
export { jobViewOf } from './sync-jobs/sync-job-row';
export type { JobSnapshotRow, JobSnapshotSummary } from './job-snapshots/job-snapshot-row';
export { readModelsMigrations } from './schema/read-models-migrations';
export type { ReadModelTables } from './schema/read-models.tables';
export type { SyncJobsTables } from './schema/sync-jobs.tables';
export { listMatterSyncStates } from './matter-sync-state/matter-sync-list';
export type { MatterSyncStateItem, MatterSyncStateListQuery } from './matter-sync-state/matter-sync-list';
export { listProcessingJobs } from './job-snapshots/job-snapshot-list';
export type { ProcessingJobListQuery } from './job-snapshots/job-snapshot-list';
