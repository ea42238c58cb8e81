import { ClioOAuthField, DEAUTHORIZE_ALL } from '@sf/token-vault';

/** Clio's deauthorization callback, validated. The token it names is compared, never stored or logged. */
export interface DeauthorizeNotice {
  clientId: string;
  clioUserId: string;
  /** True for `"all"`: the user revoked the whole app. */
  all: boolean;
  accessToken: string;
}

const MAX = 4096;

/** `{client_id, user_id, access_token}` (user_id a number or digits), or null. */
export const parseDeauthorizeBody = (body: unknown): DeauthorizeNotice | null => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const o = body as Record<string, unknown>;
  const clientId = o[ClioOAuthField.ClientId];
  const userId = o[ClioOAuthField.UserId];
  const accessToken = o[ClioOAuthField.AccessToken];
  if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > MAX) return null;
  if (typeof accessToken !== 'string' || accessToken.length === 0 || accessToken.length > MAX) return null;
  const clioUserId =
    typeof userId === 'number' && Number.isSafeInteger(userId)
      ? String(userId)
      : typeof userId === 'string' && /^\d{1,20}$/.test(userId)
        ? userId
        : null;
  if (clioUserId === null) return null;
  return { clientId, clioUserId, all: accessToken === DEAUTHORIZE_ALL, accessToken };
};
