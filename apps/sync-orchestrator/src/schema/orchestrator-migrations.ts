import type { MigrationSet } from '@sf/db';
import * as syncSchedules from './2026-12-03T10-sync-schedules';

/** The orchestrator's own tables: the schedule read model and the scheduler's due-time table. */
export const orchestratorMigrations: MigrationSet = {
  owner: 'sync_orchestrator',
  migrations: { '2026-12-03T10-sync-schedules': syncSchedules },
};
