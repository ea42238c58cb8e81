import type { MigrationSet } from '@sf/db';
import * as oauthStates from './2026-11-23T09-auth-service';

/** Pending OAuth authorisations (oauth_states). */
export const authServiceMigrations: MigrationSet = {
  owner: 'auth_service',
  migrations: {
    '2026-11-23T09-auth-service': oauthStates,
  },
};
