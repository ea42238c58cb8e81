import type { MigrationSet } from '@sf/db';
import * as versions from './2026-12-02T01-projections';

/** The runner's own table (read_model_versions); each read model's tables belong to its feature. */
export const projectionsMigrations: MigrationSet = {
  owner: 'projections',
  migrations: {
    '2026-12-02T01-projections': versions,
  },
};
