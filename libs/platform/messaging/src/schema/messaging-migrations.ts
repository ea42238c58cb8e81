import type { MigrationSet } from '@sf/db';
import * as inbox from './2026-11-23T02-messaging';
import * as redrives from './2026-12-03T10-dead-letter-redrives';
import * as redriveOutcome from './2026-12-03T18-redrive-outcome';
import * as inboxPruneIndex from './2026-12-05T02-inbox-prune-index';

/** The consumers' inbox (and its index for pruning) and the record of dead-letter redrives. */
export const messagingMigrations: MigrationSet = {
  owner: 'messaging',
  migrations: {
    '2026-11-23T02-messaging': inbox,
    '2026-12-03T10-dead-letter-redrives': redrives,
    '2026-12-03T18-redrive-outcome': redriveOutcome,
    '2026-12-05T02-inbox-prune-index': inboxPruneIndex,
  },
};
