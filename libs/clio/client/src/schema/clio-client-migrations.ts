import type { MigrationSet } from '@sf/db';
import * as rateBudget from './2026-11-23T05-clio-rate-budget';

/** The shared Clio rate budget (clio_rate_budgets). */
export const clioClientMigrations: MigrationSet = {
  owner: 'clio_client',
  migrations: {
    '2026-11-23T05-clio-rate-budget': rateBudget,
  },
};
