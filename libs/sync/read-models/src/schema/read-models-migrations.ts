import type { MigrationSet } from '@sf/db';
import * as readModels from './2026-11-23T03-read-models';
import * as syncJobs from './2026-11-23T08-sync-jobs';
import * as jobSnapshotOutcomes from './2026-12-02T03-job-snapshot-outcomes';
import * as syncJobPhases from './2026-12-03T01-sync-job-phases';
import * as unavailableFeatures from './2026-12-03T09-sync-job-unavailable-features';

/** The sync read models: matter_sync_state, job_snapshots, sync_jobs, firm_connections. */
export const readModelsMigrations: MigrationSet = {
  owner: 'sync_read_models',
  migrations: {
    '2026-11-23T03-read-models': readModels,
    '2026-11-23T08-sync-jobs': syncJobs,
    '2026-12-02T03-job-snapshot-outcomes': jobSnapshotOutcomes,
    '2026-12-03T01-sync-job-phases': syncJobPhases,
    '2026-12-03T09-sync-job-unavailable-features': unavailableFeatures,
  },
};
