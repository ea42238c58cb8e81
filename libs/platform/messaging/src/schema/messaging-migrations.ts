import type { MigrationSet } from '@sf/db';
import * as inbox from './2026-11-23T02-messaging';

/** The consumers' inbox. */
export const messagingMigrations: MigrationSet = {
  owner: 'messaging',
  migrations: {
    '2026-11-23T02-messaging': inbox,
  },
};
