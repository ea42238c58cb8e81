/**
 * Vault errors. Messages name key ids, connection ids and firm ids only: never key material, tokens or
 * ciphertext, so they are safe to log and to return from a health check.
 */

/** The keyring in the environment is missing or invalid; the process must not start. */
export class KeyringConfigError extends Error {
  readonly code = 'TOKEN_VAULT.KEYRING_CONFIG';
  constructor(message: string) {
    super(`token vault keyring: ${message}`);
    this.name = 'KeyringConfigError';
  }
}

/** Why a sealed value could not be opened. */
export const OpenFailure = {
  /** Not a `v1.<kid>.<iv>.<tag>.<ciphertext>` string. */
  Malformed: 'malformed',
  /** Sealed with a key id the keyring no longer holds (rotated out too early). */
  UnknownKey: 'unknown_key',
  /** GCM authentication failed: tampered bytes, wrong key, or the value belongs to another row or column. */
  Unauthentic: 'unauthentic',
} as const;
export type OpenFailure = (typeof OpenFailure)[keyof typeof OpenFailure];

/** A stored token could not be decrypted. This is a bug or an attack, never an expected outcome. */
export class TokenDecryptError extends Error {
  readonly code = 'TOKEN_VAULT.DECRYPT_FAILED';
  constructor(
    readonly connectionId: string,
    readonly reason: OpenFailure,
  ) {
    super(`tokens of connection ${connectionId} could not be decrypted (${reason})`);
    this.name = 'TokenDecryptError';
  }
}

export const isTokenDecryptError = (e: unknown): e is TokenDecryptError =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'TOKEN_VAULT.DECRYPT_FAILED';
