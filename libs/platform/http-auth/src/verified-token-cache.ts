import type { JwtVerifier, VerifyResult } from './jwt-verifier';

export interface VerifiedTokenCacheOptions {
  /** The verifier's clock tolerance (`exp` is honoured up to exp + leeway, as the verifier does). */
  leewaySeconds: number;
  /** How long one verification is trusted at most, in ms (bounds how late a rotated-out key is noticed). */
  maxAgeMs: number;
  /** Tokens kept; the oldest verification is dropped first. */
  maxEntries: number;
}

interface Verified {
  result: VerifyResult & { ok: true };
  at: number;
  until: number;
}

/** 60 s and 10,000 tokens: a client reuses its token for many requests, and the JWKS cache trusts keys longer. */
export const VERIFIED_TOKEN_CACHE_DEFAULTS: Omit<VerifiedTokenCacheOptions, 'leewaySeconds'> = {
  maxAgeMs: 60_000,
  maxEntries: 10_000,
};

/**
 * A verifier that remembers the tokens it accepted, so a client sending the same token on every request pays the
 * signature check once (it was the largest fixed cost of a small read). A token's outcome depends only on the token
 * and the clock: a hit answers only between the moment it was verified (so `nbf` held) and its `exp` plus the
 * leeway, capped at `maxAgeMs`; anything else, and every refusal, goes to `inner` and gets its exact reason.
 */
export const cachingVerifier = (inner: JwtVerifier, o: VerifiedTokenCacheOptions): JwtVerifier => {
  const verified = new Map<string, Verified>();
  return {
    async verify(token, nowMs = Date.now()) {
      const hit = verified.get(token);
      if (hit !== undefined) {
        if (hit.at <= nowMs && nowMs < hit.until) return hit.result;
        verified.delete(token);
      }
      const result = await inner.verify(token, nowMs);
      if (result.ok) {
        const expires = result.principal.expiresAt.getTime() + o.leewaySeconds * 1000;
        if (verified.size >= o.maxEntries) verified.delete(verified.keys().next().value!);
        verified.set(token, { result, at: nowMs, until: Math.min(expires, nowMs + o.maxAgeMs) });
      }
      return result;
    },
  };
};
