import {
  AccessTokenFailures,
  FIRM_ID_PATTERN,
  type AccessTokenReply,
  type AccessTokenRequest,
  type ClioRegion,
} from '@sf/contracts';
import type { AccessTokenResult } from '@sf/token-vault';

const MAX_TOKEN_LENGTH = 4096;

/** The request, validated; null when it is not `{ firmId, rejectedToken?, unauthorizedAfterRefresh? }`. */
export const parseAccessTokenRequest = (raw: string): AccessTokenRequest | null => {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { firmId, rejectedToken, unauthorizedAfterRefresh } = v as Record<string, unknown>;
  if (typeof firmId !== 'string' || !FIRM_ID_PATTERN.test(firmId)) return null;
  if (unauthorizedAfterRefresh !== undefined && typeof unauthorizedAfterRefresh !== 'boolean') return null;
  const flag = unauthorizedAfterRefresh === true ? { unauthorizedAfterRefresh } : {};
  if (rejectedToken === undefined) return { firmId, ...flag };
  if (typeof rejectedToken !== 'string' || rejectedToken.length === 0 || rejectedToken.length > MAX_TOKEN_LENGTH)
    return null;
  return { firmId, rejectedToken, ...flag };
};

/** Maps the vault's answer to the wire reply. Messages are for operators and name no token. */
export const toAccessTokenReply = (
  r: AccessTokenResult,
  apiBaseUrl: (region: ClioRegion) => string,
): AccessTokenReply => {
  if (r.ok) {
    return {
      ok: true,
      accessToken: r.accessToken,
      expiresAt: r.expiresAt.toISOString(),
      region: r.region,
      apiBaseUrl: apiBaseUrl(r.region),
      connectionId: r.connectionId,
    };
  }
  switch (r.reason) {
    case 'not_connected':
      return { ok: false, reason: AccessTokenFailures.notConnected, message: 'the firm has not connected Clio' };
    case 'revoked':
      return { ok: false, reason: AccessTokenFailures.revoked, message: 'the firm disconnected Clio' };
    case 'needs_reauth':
      return {
        ok: false,
        reason: AccessTokenFailures.needsReauth,
        message: 'Clio refused the refresh token; a user of the firm must connect Clio again',
      };
    case 'unavailable':
      return {
        ok: false,
        reason: AccessTokenFailures.unavailable,
        message: `no usable token right now (${r.detail}); retry later`,
      };
  }
};

/** The reply after a caller reported that Clio refused the connection's current, freshly refreshed token. */
export const UNAUTHORIZED_AFTER_REFRESH_REPLY: AccessTokenReply = {
  ok: false,
  reason: AccessTokenFailures.needsReauth,
  message: 'Clio rejected a freshly refreshed access token; a user of the firm must connect Clio again',
};

/** The reply to a request that is not a valid AccessTokenRequest (a caller bug; retrying will not help). */
export const MALFORMED_REQUEST_REPLY: AccessTokenReply = {
  ok: false,
  reason: AccessTokenFailures.unavailable,
  message:
    'malformed request: expected {"firmId": "<firm id>", "rejectedToken"?: "<token>", "unauthorizedAfterRefresh"?: <boolean>}',
};

/** The reply when the vault failed unexpectedly (database down, undecryptable row): details go to the log only. */
export const INTERNAL_ERROR_REPLY: AccessTokenReply = {
  ok: false,
  reason: AccessTokenFailures.unavailable,
  message: 'the auth service could not read the token vault; retry later',
};
