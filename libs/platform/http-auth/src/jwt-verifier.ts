import { createHmac, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import type { JwtAuthConfig } from './auth-config';
import { AuthFailure } from './auth-failure';
import { JwksKeySource } from './jwks-key-source';
import { parseJwt, type ParsedJwt } from './jwt-parse';
import type { KeySource } from './key-source';
import type { Principal } from './principal';

export type VerifyResult = { ok: true; principal: Principal } | { ok: false; reason: AuthFailure };

export interface JwtVerifier {
  /** `nowMs` defaults to Date.now(); pass it in tests. */
  verify(token: string, nowMs?: number): Promise<VerifyResult>;
}

const fail = (reason: AuthFailure): VerifyResult => ({ ok: false, reason });

const hs256Valid = (jwt: ParsedJwt, secret: Buffer): boolean => {
  const expected = createHmac('sha256', secret).update(jwt.signingInput).digest();
  return expected.length === jwt.signature.length && timingSafeEqual(expected, jwt.signature);
};

const audienceMatches = (aud: unknown, wanted: string): boolean =>
  aud === wanted || (Array.isArray(aud) && aud.includes(wanted));

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Registered-claim checks after the signature holds: times (with leeway), issuer, audience, tenant and user. */
const checkClaims = (payload: Record<string, unknown>, config: JwtAuthConfig, nowMs: number): VerifyResult => {
  const { exp, nbf } = payload;
  const firmId = payload[config.claims.firmId];
  const userId = payload[config.claims.userId];
  if (typeof exp !== 'number' || !Number.isFinite(exp) || !nonEmptyString(firmId) || !nonEmptyString(userId)) {
    return fail(AuthFailure.MissingClaims);
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf))) return fail(AuthFailure.Malformed);
  const now = nowMs / 1000;
  if (now >= exp + config.leewaySeconds) return fail(AuthFailure.Expired);
  if (typeof nbf === 'number' && now + config.leewaySeconds < nbf) return fail(AuthFailure.NotYetValid);
  if (config.issuer !== undefined && payload['iss'] !== config.issuer) return fail(AuthFailure.WrongIssuer);
  if (config.audience !== undefined && !audienceMatches(payload['aud'], config.audience)) return fail(AuthFailure.WrongAudience);
  return { ok: true, principal: { firmId, userId, expiresAt: new Date(exp * 1000) } };
};

/**
 * Verifies gateway JWTs with exactly one algorithm, fixed by configuration: a token whose header names any other
 * (`none`, or HS256 signed with our RSA public key as the secret) is refused before any key is touched. Checks run
 * in order shape, algorithm, signature, then claims, so an unsigned token learns nothing about claim rules.
 */
export const createJwtVerifier = (config: JwtAuthConfig, keySource?: KeySource): JwtVerifier => {
  const keys: KeySource | null =
    config.alg === 'RS256' ? (keySource ?? new JwksKeySource({ url: config.jwksUrl, cacheMs: config.jwksCacheMs })) : null;

  const signatureHolds = async (jwt: ParsedJwt): Promise<AuthFailure | null> => {
    if (config.alg === 'HS256') return hs256Valid(jwt, config.secret) ? null : AuthFailure.InvalidSignature;
    const kid = jwt.header['kid'];
    if (kid !== undefined && typeof kid !== 'string') return AuthFailure.Malformed;
    const found = await keys!.getKey(kid);
    if (found.kind === 'unavailable') return AuthFailure.KeysUnavailable;
    if (found.kind === 'unknown_kid') return AuthFailure.InvalidSignature;
    return verifySignature('sha256', Buffer.from(jwt.signingInput), found.key, jwt.signature) ? null : AuthFailure.InvalidSignature;
  };

  return {
    async verify(token, nowMs = Date.now()) {
      const jwt = parseJwt(token);
      if (!jwt) return fail(AuthFailure.Malformed);
      if (jwt.header['alg'] !== config.alg) return fail(AuthFailure.UnsupportedAlg);
      // No JWS extension is understood here, so a critical one must be refused (RFC 7515 §4.1.11).
      if (jwt.header['crit'] !== undefined) return fail(AuthFailure.Malformed);
      const sigFailure = await signatureHolds(jwt);
      return sigFailure ? fail(sigFailure) : checkClaims(jwt.payload, config, nowMs);
    },
  };
};
