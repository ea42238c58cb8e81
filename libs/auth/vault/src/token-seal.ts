import type { Keyring } from './keyring';
import { open, reseal, seal } from './sealed-value';
import { TokenDecryptError } from './vault-errors';

/** A connection's OAuth tokens in clear. Lives in memory only; never logged, evented or put in an error. */
export interface ClioTokens {
  accessToken: string;
  refreshToken: string;
}

export interface SealedTokens {
  access_token_enc: string;
  refresh_token_enc: string;
  key_id: string;
}

type TokenColumn = 'access_token' | 'refresh_token';

/**
 * AAD for one token column of one connection: a sealed value copied to another row, or from the access to the
 * refresh column, fails to open.
 */
export const tokenAad = (connectionId: string, column: TokenColumn): string =>
  `clio_connections/${connectionId}/${column}`;

export const sealTokens = (keyring: Keyring, connectionId: string, tokens: ClioTokens): SealedTokens => ({
  access_token_enc: seal(keyring, tokens.accessToken, tokenAad(connectionId, 'access_token')),
  refresh_token_enc: seal(keyring, tokens.refreshToken, tokenAad(connectionId, 'refresh_token')),
  key_id: keyring.activeKid,
});

/** Opens both tokens of a connection; any failure is a {@link TokenDecryptError} naming the connection only. */
export const openTokens = (
  keyring: Keyring,
  connectionId: string,
  sealed: { accessTokenEnc: string; refreshTokenEnc: string },
): ClioTokens => {
  const access = open(keyring, sealed.accessTokenEnc, tokenAad(connectionId, 'access_token'));
  if (!access.ok) throw new TokenDecryptError(connectionId, access.reason);
  const refresh = open(keyring, sealed.refreshTokenEnc, tokenAad(connectionId, 'refresh_token'));
  if (!refresh.ok) throw new TokenDecryptError(connectionId, refresh.reason);
  return { accessToken: access.plaintext, refreshToken: refresh.plaintext };
};

/** Re-seals both tokens under the active key; `changed` is false when they already used it. */
export const resealTokens = (
  keyring: Keyring,
  connectionId: string,
  sealed: { accessTokenEnc: string; refreshTokenEnc: string },
): SealedTokens & { changed: boolean } => {
  const access = reseal(keyring, sealed.accessTokenEnc, tokenAad(connectionId, 'access_token'));
  if (!access.ok) throw new TokenDecryptError(connectionId, access.reason);
  const refresh = reseal(keyring, sealed.refreshTokenEnc, tokenAad(connectionId, 'refresh_token'));
  if (!refresh.ok) throw new TokenDecryptError(connectionId, refresh.reason);
  return {
    access_token_enc: access.sealed,
    refresh_token_enc: refresh.sealed,
    key_id: keyring.activeKid,
    changed: access.changed || refresh.changed,
  };
};
