import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { FIRM_ID_PATTERN } from '@sf/contracts';
import type { JwtAuthConfig } from './auth-config';
import { AuthFailure } from './auth-failure';
import { JwksKeySource } from './jwks-key-source';
import type { KeySource } from './key-source';
import type { Principal } from './principal';

export type VerifyResult = { ok: true; principal: Principal } | { ok: false; reason: AuthFailure };

export interface JwtVerifier {
  /** `nowMs` defaults to Date.now(); pass it in tests. */
  verify(token: string, nowMs?: number): Promise<VerifyResult>;
}

/** Larger tokens are refused before any parsing or crypto work. */
export const MAX_TOKEN_LENGTH = 8192;
/** Three non-empty base64url parts: an empty signature (what alg `none` produces) is malformed before the alg is read. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const fail = (reason: AuthFailure): VerifyResult => ({ ok: false, reason });

/** Thrown from the key lookup so the reason survives jose's verification call. */
class KeyRefused extends Error {
  constructor(readonly reason: AuthFailure) {
    super(reason);
  }
}

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** What a user id from the gateway may be: no spaces, dots, control characters or surrogates (e.g. `auth0|abc`). */
const USER_ID = /^[A-Za-z0-9_|:-]{1,200}$/;

/** jose's errors, as the reasons our 401s give. */
const reasonOf = (e: unknown): AuthFailure => {
  if (e instanceof KeyRefused) return e.reason;
  if (e instanceof errors.JWTExpired) return AuthFailure.Expired;
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'exp') return AuthFailure.MissingClaims;
    if (e.claim === 'iss') return AuthFailure.WrongIssuer;
    if (e.claim === 'aud') return AuthFailure.WrongAudience;
    if (e.claim === 'nbf' && e.reason === 'check_failed') return AuthFailure.NotYetValid;
    return AuthFailure.Malformed;
  }
  if (e instanceof errors.JOSEAlgNotAllowed) return AuthFailure.UnsupportedAlg;
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return AuthFailure.Malformed;
  if (e instanceof errors.JOSEError) return AuthFailure.InvalidSignature;
  throw e;
};

const principalOf = (payload: JWTPayload, config: JwtAuthConfig): VerifyResult => {
  const firmId = payload[config.claims.firmId];
  const userId = payload[config.claims.userId];
  if (!nonEmptyString(firmId) || !nonEmptyString(userId)) return fail(AuthFailure.MissingClaims);
  if (!FIRM_ID_PATTERN.test(firmId)) return fail(AuthFailure.InvalidFirmId);
  if (!USER_ID.test(userId)) return fail(AuthFailure.InvalidUserId);
  // jose has checked that `exp` is present and a number (requiredClaims).
  return { ok: true, principal: { firmId, userId, expiresAt: new Date(payload.exp! * 1000) } };
};

/** The RS256 key of a token's `kid`, from the key source; every miss becomes a KeyRefused with its reason. */
const rsaKeyFor =
  (keys: KeySource): JWTVerifyGetKey =>
  async (header) => {
    if (header.kid !== undefined && typeof header.kid !== 'string') throw new KeyRefused(AuthFailure.Malformed);
    const found = await keys.getKey(header.kid);
    if (found.kind === 'unavailable') throw new KeyRefused(AuthFailure.KeysUnavailable);
    if (found.kind === 'unknown_kid') throw new KeyRefused(AuthFailure.InvalidSignature);
    return found.key;
  };

/**
 * Verifies gateway JWTs with `jose`, pinned to exactly one algorithm by configuration: a token whose header names
 * any other (`none`, or HS256 signed with our RSA public key as the secret) is refused before any key is touched.
 * Checks run in order shape, algorithm, signature, then claims (jose: `exp` required, `nbf`, issuer, audience, with
 * the leeway; then ours: tenant and user), so an unsigned token learns nothing about claim rules.
 */
export const createJwtVerifier = (config: JwtAuthConfig, keySource?: KeySource): JwtVerifier => {
  const key =
    config.alg === 'HS256'
      ? new Uint8Array(config.secret)
      : rsaKeyFor(keySource ?? new JwksKeySource({ url: config.jwksUrl, cacheMs: config.jwksCacheMs }));

  return {
    async verify(token, nowMs = Date.now()) {
      if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) return fail(AuthFailure.Malformed);
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
        // Header and payload must both be JSON objects, checked before the signature as before.
        decodeJwt(token);
      } catch {
        return fail(AuthFailure.Malformed);
      }
      if (header.alg !== config.alg) return fail(AuthFailure.UnsupportedAlg);
      // No JWS extension is understood here, so a critical one must be refused (RFC 7515 §4.1.11).
      if (header.crit !== undefined) return fail(AuthFailure.Malformed);
      const options = {
        algorithms: [config.alg],
        clockTolerance: config.leewaySeconds,
        currentDate: new Date(nowMs),
        requiredClaims: ['exp'],
        ...(config.issuer === undefined ? {} : { issuer: config.issuer }),
        ...(config.audience === undefined ? {} : { audience: config.audience }),
      };
      try {
        // Two calls rather than a union of keys: jose types a key and a key function apart.
        const { payload } =
          typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
        return principalOf(payload, config);
      } catch (e) {
        return fail(reasonOf(e));
      }
    },
  };
};
