import type { MigrationSet } from '@sf/db';
import * as workQueue from './2026-12-02T01-work-queue';
import * as finishedIndex from './2026-12-05T04-work-queue-finished-index';

/** The one lease queue (work_queue) of every service that runs long jobs. */
export const workQueueMigrations: MigrationSet = {
  owner: 'work_queue',
  migrations: {
    '2026-12-02T01-work-queue': workQueue,
    '2026-12-05T04-work-queue-finished-index': finishedIndex,
  },
};
