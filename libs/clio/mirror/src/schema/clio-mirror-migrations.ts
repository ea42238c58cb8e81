import type { MigrationSet } from '@sf/db';
import * as mirror from './2026-11-23T06-clio-mirror';
import * as details from './2026-12-03T08-clio-mirror-details';
import * as redacted from './2026-12-03T09-clio-mirror-redacted';
import * as readApi from './2026-12-03T10-clio-mirror-read-api';
import * as recordChanges from './2026-12-03T12-clio-record-changes';
import * as pendingWrites from './2026-12-03T12-clio-pending-writes';
import * as changeQueueCursor from './2026-12-05T03-change-queue-cursor';
import * as ties from './2026-12-05T07-clio-mirror-ties';
import * as tieSecond from './2026-12-06T01-clio-mirror-tie-second';

/** The Clio mirror: one table per entity type, and the typed tables of their nested data. */
export const clioMirrorMigrations: MigrationSet = {
  owner: 'clio_mirror',
  migrations: {
    '2026-11-23T06-clio-mirror': mirror,
    '2026-12-03T08-clio-mirror-details': details,
    '2026-12-03T09-clio-mirror-redacted': redacted,
    '2026-12-03T10-clio-mirror-read-api': readApi,
    '2026-12-03T12-clio-record-changes': recordChanges,
    '2026-12-03T12-clio-pending-writes': pendingWrites,
    '2026-12-05T03-change-queue-cursor': changeQueueCursor,
    '2026-12-05T07-clio-mirror-ties': ties,
    '2026-12-06T01-clio-mirror-tie-second': tieSecond,
  },
};
