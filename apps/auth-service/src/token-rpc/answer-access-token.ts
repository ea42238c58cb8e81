import type { AccessTokenReply, AccessTokenRequest, ClioRegion } from '@sf/contracts';
import type { TokenService } from '@sf/token-vault';
import { toAccessTokenReply, UNAUTHORIZED_AFTER_REFRESH_REPLY } from './access-token-reply';

/** What the RPC needs of the vault. */
export type TokenRpcVault = Pick<TokenService, 'getAccessToken' | 'markNeedsReauth'>;

/**
 * Answers one valid request. A plain request (or a 401 report) gets a token, refreshed when needed. A report that
 * Clio refused a freshly refreshed token (`unauthorizedAfterRefresh`) marks the connection needs_reauth, but only
 * while the reported token is still the current one: a stale report about a token already replaced is answered
 * like a plain request, so it cannot mark a healthy connection. Exceptions (vault outage) propagate.
 */
export const answerAccessTokenRequest = async (
  vault: TokenRpcVault,
  req: AccessTokenRequest,
  apiBaseUrl: (region: ClioRegion) => string,
): Promise<AccessTokenReply> => {
  if (req.unauthorizedAfterRefresh !== true || req.rejectedToken === undefined) {
    const r = await vault.getAccessToken(
      req.firmId,
      req.rejectedToken !== undefined ? { rejectedToken: req.rejectedToken } : {},
    );
    return toAccessTokenReply(r, apiBaseUrl);
  }
  // No rejectedToken here on purpose: the report must not trigger yet another refresh.
  const current = await vault.getAccessToken(req.firmId);
  if (!current.ok || current.accessToken !== req.rejectedToken) return toAccessTokenReply(current, apiBaseUrl);
  // The vault's onNeedsReauth hook appends ConnectionNeedsReauth in the marking transaction, exactly once.
  const marked = await vault.markNeedsReauth(req.firmId);
  return marked
    ? UNAUTHORIZED_AFTER_REFRESH_REPLY
    : toAccessTokenReply({ ok: false, reason: 'not_connected' }, apiBaseUrl);
};
