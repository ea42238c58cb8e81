import { ClioRegions, FIRM_ID_PATTERN, ID_MAX_LENGTH, isClioRegion, type ClioRegion } from '@sf/contracts';
import type { AuthDeps } from '../auth-deps';
import { clioAuthorizeUrl } from '../clio/clio-endpoints';
import { newNonce, signState } from '../oauth-state/oauth-state';
import { insertOAuthState } from '../oauth-state/oauth-state.repository';

export type StartAuthorization =
  { ok: true; authorizeUrl: string; region: ClioRegion; expiresAt: Date } | { ok: false; status: 400; message: string };

const REGIONS = Object.values(ClioRegions).join(', ');

/**
 * Starts connecting the caller's firm to Clio in `region`: records a single-use pending authorisation bound to the
 * firm and user of the verified JWT, and returns Clio's authorize URL carrying its signed state.
 */
export const startAuthorization = async (
  deps: Pick<AuthDeps, 'db' | 'app' | 'stateSecret' | 'stateTtlMs' | 'callbackUrl'>,
  caller: { firmId: string; userId: string },
  region: unknown,
): Promise<StartAuthorization> => {
  if (!isClioRegion(region)) return { ok: false, status: 400, message: `region must be one of ${REGIONS}` };
  // Events about this connection carry the firm id in their subject and the user id in their payload.
  if (!FIRM_ID_PATTERN.test(caller.firmId))
    return { ok: false, status: 400, message: "the token's firm id is not a valid firm id" };
  if (caller.userId.length > ID_MAX_LENGTH)
    return { ok: false, status: 400, message: "the token's user id is too long" };
  const state = { nonce: newNonce(), firmId: caller.firmId, userId: caller.userId, region };
  const expiresAt = await insertOAuthState(deps.db, state, deps.stateTtlMs);
  const authorizeUrl = clioAuthorizeUrl(deps.app, region, deps.callbackUrl, signState(deps.stateSecret, state));
  return { ok: true, authorizeUrl, region, expiresAt };
};
