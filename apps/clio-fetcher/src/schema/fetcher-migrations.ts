import type { MigrationSet } from '@sf/db';
import { dropRecreatedOldQueue } from '@sf/work-queue';
import * as fetcher from './2026-11-23T07-fetcher';

/** The fetcher's sync bookmarks (its old work queue moved to `@sf/work-queue`). */
export const fetcherMigrations: MigrationSet = {
  owner: 'clio_fetcher',
  migrations: {
    '2026-11-23T07-fetcher': fetcher,
    // A processor that started first on a new database already made work_queue; the first migration above then made
    // sync_job_work again, empty.
    '2026-12-03T02-fetcher-recreated-queue-gone': dropRecreatedOldQueue('sync_job_work'),
  },
};
