/** Lifecycle of a stored Clio connection; the values are what the `status` column holds. */
export const ConnectionStatus = {
  /** Tokens are usable and refreshed by the vault. */
  Active: 'active',
  /** Clio refused the refresh token (invalid_grant): only a new authorisation by a user can cure it. */
  NeedsReauth: 'needs_reauth',
  /** Disconnected: tokens destroyed, row kept for the record. */
  Revoked: 'revoked',
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];
