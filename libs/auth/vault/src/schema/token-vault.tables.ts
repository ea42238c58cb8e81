import type { ColumnType, Generated } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * A firm's Clio connection and its sealed OAuth tokens (libs/auth/vault). Only the vault reads this table;
 * other services ask the auth service for an access token over NATS.
 */
export interface ClioConnectionsTable {
  connection_id: string;
  /** Unique: a firm has at most one connection; connecting again replaces it. */
  firm_id: string;
  /** `us | eu | ca | au` (check constraint): Clio regions are separate instances with their own tokens. */
  region: string;
  clio_user_id: string;
  /** `active | needs_reauth | revoked` (check constraint). */
  status: string;
  /** Sealed `v1.<kid>.<iv>.<tag>.<ciphertext>`; null once revoked. */
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  /** Key id both tokens are sealed with; rotation re-seals rows whose key_id is not the active one. */
  key_id: string | null;
  /** When the access token expires; null once revoked. */
  expires_at: Timestamp | null;
  /** When the tokens were last obtained (connect or refresh); drives the at-least-daily refresh. */
  refreshed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Bumped by every write; writes are conditional on the version they read. */
  version: Generated<number>;
}

export interface TokenVaultTables {
  clio_connections: ClioConnectionsTable;
}
