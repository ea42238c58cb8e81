import type { MigrationSet } from '@sf/db';
import * as vault from './2026-11-23T04-token-vault';

/** Clio connections and their sealed tokens (clio_connections). */
export const tokenVaultMigrations: MigrationSet = {
  owner: 'token_vault',
  migrations: {
    '2026-11-23T04-token-vault': vault,
  },
};
