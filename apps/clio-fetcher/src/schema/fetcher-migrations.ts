import type { MigrationSet } from '@sf/db';
import * as fetcher from './2026-11-23T07-fetcher';

/** The fetcher's work queue and sync bookmarks. */
export const fetcherMigrations: MigrationSet = {
  owner: 'clio_fetcher',
  migrations: {
    '2026-11-23T07-fetcher': fetcher,
  },
};
