import type { AccessTokenReply } from '@sf/contracts';
import type { TokenProvider, TokenRequestOptions } from '../types';

/** Where a caching provider gets a fresh reply from (NATS request, a test issuer, ...). */
export type TokenSource = (firmId: string, request: TokenRequestOptions) => Promise<AccessTokenReply>;

export interface TokenCacheOptions {
  /** A cached token is reused until this long before its `expiresAt`, ms. Default 60_000. */
  refreshMarginMs?: number;
  /** Clock, epoch ms. Default Date.now. */
  now?: () => number;
}

const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/**
 * Wraps a token source with an in-memory cache per firm and single-flight fetching, so that N concurrent callers
 * of one process cost one request (the refresh-race complaint). `rejectedToken` and `unauthorizedAfterRefresh`
 * bypass the cache; failures are never cached. Tokens live in this closure only.
 */
export function cachingTokenProvider(source: TokenSource, opts: TokenCacheOptions = {}): TokenProvider {
  const margin = opts.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, Extract<AccessTokenReply, { ok: true }>>();
  const inFlight = new Map<string, Promise<AccessTokenReply>>();

  const fresh = (firmId: string, request: TokenRequestOptions): Promise<AccessTokenReply> => {
    // A needs_reauth report must not be folded into a plain refresh for the same token (it would be lost).
    const key = `${firmId}\u0000${request.rejectedToken ?? ''}\u0000${request.unauthorizedAfterRefresh === true ? 'reauth' : ''}`;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const p = source(firmId, request)
      .then((reply) => {
        if (reply.ok) cache.set(firmId, reply);
        else cache.delete(firmId);
        return reply;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  };

  return {
    getToken(firmId, o = {}) {
      const rejected = o.rejectedToken;
      const reauth = o.unauthorizedAfterRefresh === true;
      const hit = cache.get(firmId);
      if (rejected === undefined && !reauth && hit && Date.parse(hit.expiresAt) - margin > now())
        return Promise.resolve(hit);
      if (rejected !== undefined && hit?.accessToken === rejected) cache.delete(firmId);
      return fresh(
        firmId,
        reauth ? { rejectedToken: rejected, unauthorizedAfterRefresh: true } : { rejectedToken: rejected },
      );
    },
  };
}
