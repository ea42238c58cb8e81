import type { AccessTokenReply } from '@sf/contracts';
import type { TokenProvider, TokenRequestOptions } from '../types';
import { cachingTokenProvider, type TokenCacheOptions } from './token-cache';

/**
 * A TokenProvider for tests and single-process tools: `issue` is asked when nothing valid is cached or when a
 * caller reports `rejectedToken` (then it should hand out a new token, e.g. `sim.edge.issueToken(...)`). `request`
 * carries the whole question, including `unauthorizedAfterRefresh` (answer needs_reauth, as the auth service does).
 */
export function createInMemoryTokenProvider(
  issue: (
    firmId: string,
    rejectedToken: string | undefined,
    request: TokenRequestOptions,
  ) => AccessTokenReply | Promise<AccessTokenReply>,
  opts: TokenCacheOptions = {},
): TokenProvider {
  return cachingTokenProvider(async (firmId, request) => issue(firmId, request.rejectedToken, request), opts);
}
