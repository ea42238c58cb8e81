import type { AccessTokenReply, AccessTokenRequest, ClioRegion } from '@sf/contracts';
import type { TokenService } from '@sf/token-vault';
import { toAccessTokenReply, UNAUTHORIZED_AFTER_REFRESH_REPLY } from './access-token-reply';

/** What the RPC needs of the vault. */
export type TokenRpcVault = Pick<TokenService, 'getAccessToken' | 'markNeedsReauth'>;

/** True only when Clio itself answers 401 to the token now (one request; an outage is not a refusal). */
export type ClioRefuses = (region: ClioRegion, accessToken: string) => Promise<boolean>;

/**
 * Answers one valid request. A plain request (or a 401 report) gets a token, refreshed when needed. A report that
 * Clio refused a freshly refreshed token (`unauthorizedAfterRefresh`) marks the connection needs_reauth, but only
 * while the reported token is still the current one: a stale report about a token already replaced is answered
 * like a plain request, so it cannot mark a healthy connection. Nor can a report about the current token from a
 * client that merely holds it: the connection is marked only when Clio refuses the token when asked. Exceptions
 * (vault outage) propagate.
 */
export const answerAccessTokenRequest = async (
  vault: TokenRpcVault,
  req: AccessTokenRequest,
  apiBaseUrl: (region: ClioRegion) => string,
  clioRefuses: ClioRefuses,
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
  if (!(await clioRefuses(current.region, current.accessToken))) return toAccessTokenReply(current, apiBaseUrl);
  // The vault's onNeedsReauth hook appends ConnectionNeedsReauth in the marking transaction, exactly once.
  const marked = await vault.markNeedsReauth(req.firmId);
  return marked
    ? UNAUTHORIZED_AFTER_REFRESH_REPLY
    : toAccessTokenReply({ ok: false, reason: 'not_connected' }, apiBaseUrl);
};
