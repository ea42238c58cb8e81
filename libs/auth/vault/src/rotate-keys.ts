import type { Kysely } from 'kysely';
import { tablesOf } from '@sf/db';
import type { TokenVaultTables } from './schema/token-vault.tables';
import { ConnectionStatus } from './connection-status';
import type { Keyring } from './keyring';
import { resealTokens } from './token-seal';

export interface RotateOutcome {
  /** Rows re-sealed under the active key. */
  resealed: number;
  /** Rows skipped because another writer changed them meanwhile; such writers seal with the active key anyway. */
  raced: number;
}

/**
 * Re-seals every stored token that is not under the keyring's active key. Run it after switching
 * TOKEN_VAULT_ACTIVE_KID; once it reports zero rows left, the old key can leave TOKEN_VAULT_KEYS. Each row is one
 * conditional update (by version), so it is safe beside live refreshes and can be re-run at any time.
 */
export const rotateVaultKeys = async <DB extends TokenVaultTables>(
  pool: Kysely<DB>,
  keyring: Keyring,
  opts: { batchSize?: number; now?: () => Date } = {},
): Promise<RotateOutcome> => {
  const db = tablesOf<TokenVaultTables, DB>(pool);
  const batchSize = opts.batchSize ?? 100;
  const now = opts.now ?? (() => new Date());
  const outcome: RotateOutcome = { resealed: 0, raced: 0 };
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('clio_connections')
      .select(['connection_id', 'access_token_enc', 'refresh_token_enc', 'version'])
      .where('status', '<>', ConnectionStatus.Revoked)
      .where('key_id', '<>', keyring.activeKid)
      .where('connection_id', '>', after)
      .orderBy('connection_id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return outcome;
    for (const r of rows) {
      after = r.connection_id;
      if (!r.access_token_enc || !r.refresh_token_enc) continue;
      const { changed: _changed, ...sealed } = resealTokens(keyring, r.connection_id, {
        accessTokenEnc: r.access_token_enc,
        refreshTokenEnc: r.refresh_token_enc,
      });
      const u = await db
        .updateTable('clio_connections')
        .set({ ...sealed, updated_at: now(), version: r.version + 1 })
        .where('connection_id', '=', r.connection_id)
        .where('version', '=', r.version)
        .executeTakeFirst();
      if (u.numUpdatedRows === 1n) outcome.resealed += 1;
      else outcome.raced += 1;
    }
  }
};
