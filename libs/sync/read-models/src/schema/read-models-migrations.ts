import type { MigrationSet } from '@sf/db';
import * as readModels from './2026-11-23T03-read-models';
import * as syncJobs from './2026-11-23T08-sync-jobs';

/** The read models and the projections' version table. */
export const readModelsMigrations: MigrationSet = {
  owner: 'read_models',
  migrations: {
    '2026-11-23T03-read-models': readModels,
    '2026-11-23T08-sync-jobs': syncJobs,
  },
};
