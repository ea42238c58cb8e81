import { sql, type Selectable } from 'kysely';
import { isClioRegion, type ClioRegion } from '@sf/contracts';
import { tablesOf, type Executor } from '@sf/db';
import { ConnectionStatus } from './connection-status';
import type { Keyring } from './keyring';
import { sealTokens, type ClioTokens } from './token-seal';
import type { TokenVaultTables } from './schema/token-vault.tables';

/** A process's handle seen through this owner's tables. */
const vault = <DB extends TokenVaultTables>(db: Executor<DB>): Executor<TokenVaultTables> =>
  tablesOf<TokenVaultTables, DB>(db);

/** Sealed tokens of a connection that is not revoked. */
export interface SealedTokenState {
  accessTokenEnc: string;
  refreshTokenEnc: string;
  keyId: string;
  expiresAt: Date;
}

/** A connection as stored. Tokens stay sealed until {@link openTokens} is called on them. */
export interface StoredConnection {
  connectionId: string;
  firmId: string;
  region: ClioRegion;
  clioUserId: string;
  status: ConnectionStatus;
  /** null once revoked. */
  tokens: SealedTokenState | null;
  refreshedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface NewConnection {
  connectionId: string;
  firmId: string;
  region: ClioRegion;
  clioUserId: string;
  tokens: ClioTokens;
  /** When the access token expires (now + `expires_in`). */
  expiresAt: Date;
}

type Row = Selectable<TokenVaultTables['clio_connections']>;

const STATUSES: readonly string[] = Object.values(ConnectionStatus);

const toStored = (r: Row): StoredConnection => {
  if (!isClioRegion(r.region) || !STATUSES.includes(r.status)) {
    throw new Error(`clio_connections row ${r.connection_id} has an unknown region or status`);
  }
  const tokens =
    r.access_token_enc && r.refresh_token_enc && r.key_id && r.expires_at
      ? {
          accessTokenEnc: r.access_token_enc,
          refreshTokenEnc: r.refresh_token_enc,
          keyId: r.key_id,
          expiresAt: r.expires_at,
        }
      : null;
  return {
    connectionId: r.connection_id,
    firmId: r.firm_id,
    region: r.region,
    clioUserId: r.clio_user_id,
    status: r.status as ConnectionStatus,
    tokens,
    refreshedAt: r.refreshed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
};

/**
 * Stores a new connection for a firm. A firm has one connection: connecting again replaces the previous one
 * (new connection id, new tokens, status active) in the same statement, so two callbacks racing leave one row.
 */
export const saveConnection = async <DB extends TokenVaultTables>(
  ex: Executor<DB>,
  keyring: Keyring,
  c: NewConnection,
  now: Date,
): Promise<StoredConnection> => {
  const row = await vault(ex)
    .insertInto('clio_connections')
    .values({
      connection_id: c.connectionId,
      firm_id: c.firmId,
      region: c.region,
      clio_user_id: c.clioUserId,
      status: ConnectionStatus.Active,
      ...sealTokens(keyring, c.connectionId, c.tokens),
      expires_at: c.expiresAt,
      refreshed_at: now,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('firm_id').doUpdateSet((eb) => ({
        connection_id: eb.ref('excluded.connection_id'),
        region: eb.ref('excluded.region'),
        clio_user_id: eb.ref('excluded.clio_user_id'),
        status: eb.ref('excluded.status'),
        access_token_enc: eb.ref('excluded.access_token_enc'),
        refresh_token_enc: eb.ref('excluded.refresh_token_enc'),
        key_id: eb.ref('excluded.key_id'),
        expires_at: eb.ref('excluded.expires_at'),
        refreshed_at: eb.ref('excluded.refreshed_at'),
        created_at: eb.ref('excluded.created_at'),
        updated_at: eb.ref('excluded.updated_at'),
        version: sql<number>`clio_connections.version + 1`,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStored(row);
};

export const findConnectionByFirm = async <DB extends TokenVaultTables>(
  ex: Executor<DB>,
  firmId: string,
): Promise<StoredConnection | null> => {
  const row = await vault(ex)
    .selectFrom('clio_connections')
    .selectAll()
    .where('firm_id', '=', firmId)
    .executeTakeFirst();
  return row ? toStored(row) : null;
};

export const findConnectionById = async <DB extends TokenVaultTables>(
  ex: Executor<DB>,
  connectionId: string,
): Promise<StoredConnection | null> => {
  const row = await vault(ex)
    .selectFrom('clio_connections')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return row ? toStored(row) : null;
};

/**
 * Connections of one Clio user that still hold tokens (active or needs_reauth), oldest first: what Clio's
 * deauthorization callback, which names only the Clio user, may be about. Several firms (or regions) can share a user id.
 */
export const findLiveConnectionsByClioUser = async <DB extends TokenVaultTables>(
  ex: Executor<DB>,
  clioUserId: string,
): Promise<StoredConnection[]> => {
  const rows = await vault(ex)
    .selectFrom('clio_connections')
    .selectAll()
    .where('clio_user_id', '=', clioUserId)
    .where('status', '<>', ConnectionStatus.Revoked)
    .orderBy('created_at')
    .execute();
  return rows.map(toStored);
};

/**
 * Stores refreshed tokens if the row is still the active version that was read. False means another writer
 * (a disconnect, a reconnect) got there first and the caller must re-read.
 */
export const replaceTokens = async <DB extends TokenVaultTables>(
  ex: Executor<DB>,
  keyring: Keyring,
  read: { connectionId: string; version: number },
  tokens: ClioTokens,
  expiresAt: Date,
  now: Date,
): Promise<boolean> => {
  const r = await vault(ex)
    .updateTable('clio_connections')
    .set({
      ...sealTokens(keyring, read.connectionId, tokens),
      expires_at: expiresAt,
      refreshed_at: now,
      updated_at: now,
      version: read.version + 1,
    })
    .where('connection_id', '=', read.connectionId)
    .where('version', '=', read.version)
    .where('status', '=', ConnectionStatus.Active)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
};

/** Moves an active connection to needs_reauth. True for exactly one caller: the one that made the transition. */
export const markNeedsReauth = async <DB extends TokenVaultTables>(
  ex: Executor<DB>,
  connectionId: string,
  now: Date,
): Promise<boolean> => {
  const r = await vault(ex)
    .updateTable('clio_connections')
    .set((eb) => ({ status: ConnectionStatus.NeedsReauth, updated_at: now, version: eb('version', '+', 1) }))
    .where('connection_id', '=', connectionId)
    .where('status', '=', ConnectionStatus.Active)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
};

/**
 * Destroys a firm's tokens and marks the connection revoked. Returns the connection id when this call made the
 * transition, null when there was nothing to revoke. Revoking at Clio first is the caller's job.
 */
export const revokeConnection = async <DB extends TokenVaultTables>(
  ex: Executor<DB>,
  firmId: string,
  now: Date,
): Promise<{ connectionId: string } | null> => {
  const row = await vault(ex)
    .updateTable('clio_connections')
    .set((eb) => ({
      status: ConnectionStatus.Revoked,
      access_token_enc: null,
      refresh_token_enc: null,
      key_id: null,
      expires_at: null,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('firm_id', '=', firmId)
    .where('status', '<>', ConnectionStatus.Revoked)
    .returning('connection_id')
    .executeTakeFirst();
  return row ? { connectionId: row.connection_id } : null;
};

/** Firms whose active connection is due for a refresh (close to expiry or older than the maximum age), oldest first. */
export const listRefreshDue = async <DB extends TokenVaultTables>(
  ex: Executor<DB>,
  cutoffs: { expiresBefore: Date; refreshedBefore: Date },
  limit: number,
): Promise<string[]> => {
  const rows = await vault(ex)
    .selectFrom('clio_connections')
    .select('firm_id')
    .where('status', '=', ConnectionStatus.Active)
    .where((eb) =>
      eb.or([eb('expires_at', '<=', cutoffs.expiresBefore), eb('refreshed_at', '<=', cutoffs.refreshedBefore)]),
    )
    .orderBy('refreshed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.firm_id);
};
