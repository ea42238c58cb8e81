export { createKeyring, keyringFromEnv, KeyringEnv } from './keyring';
export type { Keyring } from './keyring';
export { seal, open, reseal, sealedKeyId } from './sealed-value';
export type { OpenResult, ResealResult } from './sealed-value';
export { sealTokens, openTokens, resealTokens, tokenAad } from './token-seal';
export type { ClioTokens, SealedTokens } from './token-seal';
export { KeyringConfigError, TokenDecryptError, isTokenDecryptError, OpenFailure } from './vault-errors';
export { CLIO_OAUTH_ORIGINS } from './clio-oauth-origins';
export { ConnectionStatus } from './connection-status';
export {
  saveConnection,
  findConnectionByFirm,
  findConnectionById,
  findLiveConnectionsByClioUser,
  replaceTokens,
  markNeedsReauth,
  revokeConnection,
  listRefreshDue,
} from './connection-repository';
export type { StoredConnection, SealedTokenState, NewConnection } from './connection-repository';
export { lockFirmTokens, isLockTimeout, refreshLockName } from './refresh-lock';
export { rotateVaultKeys } from './rotate-keys';
export type { RotateOutcome } from './rotate-keys';
export { DEFAULT_REFRESH_POLICY, isRefreshDue, isUsable, dueCutoffs } from './refresh-policy';
export type { RefreshPolicy, TokenTimes } from './refresh-policy';
export { tokensAfterRefresh } from './token-refresher';
export type { RefreshOutcome, TokenRefresher } from './token-refresher';
export { TokenService } from './token-service';
export type { TokenServiceOptions, GetAccessTokenOptions, VaultLog, NeedsReauthTransition } from './token-service';
export type { AccessTokenResult, AccessTokenFailure } from './access-token-result';
export {
  createClioTokenRefresher,
  clioTokenRefresherOptionsFromEnv,
  classifyTokenResponse,
  ClioOAuthEnv,
} from './clio-token-refresher';
export type { ClioTokenRefresherOptions } from './clio-token-refresher';
export {
  ClioOAuthPath,
  ClioTokenForm,
  ClioGrantType,
  ClioAuthorizeParam,
  ClioCallbackParam,
  ClioOAuthField,
  INVALID_GRANT,
  ACCESS_DENIED,
  DEAUTHORIZE_ALL,
} from './clio-oauth-wire';
export { tokenVaultMigrations } from './schema/token-vault-migrations';
export type { TokenVaultTables } from './schema/token-vault.tables';
