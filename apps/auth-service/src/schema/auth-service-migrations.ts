import type { MigrationSet } from '@sf/db';
import * as oauthStates from './2026-11-23T09-auth-service';
import * as deauthorizeChecks from './2026-12-03T01-deauthorize-checks';

/** Pending OAuth authorisations (oauth_states); the last deauthorization check per connection. */
export const authServiceMigrations: MigrationSet = {
  owner: 'auth_service',
  migrations: {
    '2026-11-23T09-auth-service': oauthStates,
    '2026-12-03T01-deauthorize-checks': deauthorizeChecks,
  },
};
