import type { MigrationSet } from '@sf/db';
import * as mirror from './2026-11-23T06-clio-mirror';
import * as redacted from './2026-12-03T01-clio-mirror-redacted';

/** The Clio mirror: one table per entity type. */
export const clioMirrorMigrations: MigrationSet = {
  owner: 'clio_mirror',
  migrations: {
    '2026-11-23T06-clio-mirror': mirror,
    '2026-12-03T01-clio-mirror-redacted': redacted,
  },
};
