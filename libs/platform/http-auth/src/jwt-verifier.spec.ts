import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AUTH_FAILURE_MESSAGE } from './auth-failure';
import { DEFAULT_CLAIMS, jwtAuthConfigFromEnv, type JwtAuthConfig } from './auth-config';
import { createJwtVerifier } from './jwt-verifier';
import type { KeySource } from './key-source';
import { signJwt } from './sign-jwt';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const nowS = NOW / 1000;
const hsConfig: JwtAuthConfig = {
  alg: 'HS256',
  secret: Buffer.from(SECRET),
  leewaySeconds: 30,
  claims: { ...DEFAULT_CLAIMS },
};
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  firm_id: 'firm-1',
  exp: nowS + 300,
  ...extra,
});
const hs = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  signJwt(payload, { alg: 'HS256', secret: SECRET }, header);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** A fixed key set: the JWKS fetching itself is covered by jwks-key-source.int-spec.ts. */
const staticKeys = (keys: Record<string, KeyObject>): KeySource => ({
  getKey: async (kid) => (kid && keys[kid] ? { kind: 'found', key: keys[kid]! } : { kind: 'unknown_kid' }),
});
const rsConfig: JwtAuthConfig = {
  alg: 'RS256',
  jwksUrl: 'http://unused',
  jwksCacheMs: 0,
  leewaySeconds: 30,
  claims: { ...DEFAULT_CLAIMS },
};
const rs = (payload: Record<string, unknown>, key = rsa.privateKey, kid = 'k1') =>
  signJwt(payload, { alg: 'RS256', privateKey: key, kid });

describe('createJwtVerifier (HS256)', () => {
  const v = createJwtVerifier(hsConfig);

  it('accepts a good token and yields firm, user and expiry', async () => {
    expect(await v.verify(hs(claims()), NOW)).toEqual({
      ok: true,
      principal: { firmId: 'firm-1', userId: 'user-1', expiresAt: new Date((nowS + 300) * 1000) },
    });
  });

  it.each([
    ['expired beyond the leeway', claims({ exp: nowS - 31 }), 'expired'],
    ['expired exactly at exp + leeway', claims({ exp: nowS - 30 }), 'expired'],
    ['not yet valid beyond the leeway', claims({ nbf: nowS + 31 }), 'not_yet_valid'],
    ['missing exp', { sub: 'u', firm_id: 'f' }, 'missing_claims'],
    ['missing firm_id', { sub: 'u', exp: nowS + 60 }, 'missing_claims'],
    ['empty sub', claims({ sub: '' }), 'missing_claims'],
    ['numeric firm_id', claims({ firm_id: 7 }), 'missing_claims'],
    ['a firm_id with a space', claims({ firm_id: 'firm 1' }), 'invalid_firm_id'],
    ['a firm_id with a dot', claims({ firm_id: 'firm.1' }), 'invalid_firm_id'],
    ['a firm_id of 1,000 characters', claims({ firm_id: 'f'.repeat(1_000) }), 'invalid_firm_id'],
    ['a firm_id with a NUL', claims({ firm_id: 'f\u0000' }), 'invalid_firm_id'],
    ['a firm_id with a lone surrogate', claims({ firm_id: 'f\ud800' }), 'invalid_firm_id'],
    ['a sub with a space', claims({ sub: 'user 1' }), 'invalid_user_id'],
    ['a sub with a dot', claims({ sub: 'user.1' }), 'invalid_user_id'],
    ['a sub of 1,000 characters', claims({ sub: 'u'.repeat(1_000) }), 'invalid_user_id'],
    ['a sub with a NUL', claims({ sub: 'u\u0000' }), 'invalid_user_id'],
    ['string exp', claims({ exp: String(nowS + 60) }), 'missing_claims'],
    ['string nbf', claims({ nbf: 'now' }), 'malformed'],
  ])('rejects a token %s', async (_name, payload, reason) => {
    expect(await v.verify(hs(payload), NOW)).toEqual({ ok: false, reason });
  });

  it('accepts within the leeway on both sides', async () => {
    expect((await v.verify(hs(claims({ exp: nowS - 29, nbf: nowS + 29 })), NOW)).ok).toBe(true);
  });

  it('rejects a bad signature, another secret, and a tampered payload', async () => {
    const good = hs(claims());
    const [h, , s] = good.split('.');
    expect(await v.verify(`${h}.${b64(claims({ firm_id: 'firm-2' }))}.${s}`, NOW)).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
    expect(
      await v.verify(signJwt(claims(), { alg: 'HS256', secret: 'another-secret-of-at-least-32-bytes!' }), NOW),
    ).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(await v.verify(`${good.slice(0, -2)}AA`, NOW)).toEqual({ ok: false, reason: 'invalid_signature' });
  });

  it('rejects alg none (with or without a signature) and any other alg', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
    expect(await v.verify(unsigned, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(await v.verify(hs(claims(), { alg: 'none' }), NOW)).toEqual({ ok: false, reason: 'unsupported_alg' });
    expect(await v.verify(hs(claims(), { alg: 'HS512' }), NOW)).toEqual({ ok: false, reason: 'unsupported_alg' });
    expect(await v.verify(rs(claims()), NOW)).toEqual({ ok: false, reason: 'unsupported_alg' });
  });

  it.each([
    ['empty', ''],
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['not base64url', 'a+b.c.d'],
    ['header not JSON', `${Buffer.from('nope').toString('base64url')}.${b64(claims())}.c2ln`],
    ['payload an array', `${b64({ alg: 'HS256' })}.${b64([1])}.c2ln`],
    ['too long', `${b64({ alg: 'HS256' })}.${'a'.repeat(9000)}.c2ln`],
  ])('rejects a malformed token (%s)', async (_name, token) => {
    expect(await v.verify(token, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses critical header extensions it does not understand', async () => {
    expect(await v.verify(hs(claims(), { crit: ['exp'] }), NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('checks issuer and audience when configured', async () => {
    const strict = createJwtVerifier({ ...hsConfig, issuer: 'https://gw', audience: 'clio-sync' });
    expect((await strict.verify(hs(claims({ iss: 'https://gw', aud: ['x', 'clio-sync'] })), NOW)).ok).toBe(true);
    expect(await strict.verify(hs(claims({ iss: 'https://evil', aud: 'clio-sync' })), NOW)).toEqual({
      ok: false,
      reason: 'wrong_issuer',
    });
    expect(await strict.verify(hs(claims({ iss: 'https://gw', aud: 'other' })), NOW)).toEqual({
      ok: false,
      reason: 'wrong_audience',
    });
    expect(await strict.verify(hs(claims({ iss: 'https://gw' })), NOW)).toEqual({
      ok: false,
      reason: 'wrong_audience',
    });
  });

  it('has a clear message for every failure', () => {
    expect(AUTH_FAILURE_MESSAGE).toMatchObject({
      missing_token: 'missing bearer token',
      expired: 'token expired',
      malformed: 'malformed token',
      invalid_signature: 'invalid signature',
    });
  });
});

describe('createJwtVerifier (RS256)', () => {
  const v = createJwtVerifier(rsConfig, staticKeys({ k1: rsa.publicKey }));

  it('accepts a token signed by the key its kid names', async () => {
    expect(await v.verify(rs(claims()), NOW)).toMatchObject({
      ok: true,
      principal: { firmId: 'firm-1', userId: 'user-1' },
    });
  });

  it('rejects another key, an unknown kid, and a non-string kid', async () => {
    expect(await v.verify(rs(claims(), otherRsa.privateKey), NOW)).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(await v.verify(rs(claims(), rsa.privateKey, 'k9'), NOW)).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(await v.verify(signJwt(claims(), { alg: 'RS256', privateKey: rsa.privateKey }, { kid: 5 }), NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('is immune to alg confusion: HS256 signed with the RSA public key as the secret is refused', async () => {
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' });
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64(claims())}`;
    const forged = `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
    expect(await v.verify(forged, NOW)).toEqual({ ok: false, reason: 'unsupported_alg' });
  });

  it('still checks claims after a valid signature', async () => {
    expect(await v.verify(rs(claims({ exp: nowS - 100 })), NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(await v.verify(rs({ exp: nowS + 60, sub: 'u' }), NOW)).toEqual({ ok: false, reason: 'missing_claims' });
  });

  it('answers keys_unavailable when no key set can be had', async () => {
    const down = createJwtVerifier(rsConfig, { getKey: async () => ({ kind: 'unavailable' }) });
    expect(await down.verify(rs(claims()), NOW)).toEqual({ ok: false, reason: 'keys_unavailable' });
  });
});

describe('jwtAuthConfigFromEnv', () => {
  it('reads HS256 and RS256 settings', () => {
    expect(jwtAuthConfigFromEnv({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_ISSUER: 'gw' })).toMatchObject({
      alg: 'HS256',
      issuer: 'gw',
      leewaySeconds: 30,
    });
    expect(
      jwtAuthConfigFromEnv({
        AUTH_JWT_ALG: 'RS256',
        AUTH_JWKS_URL: 'https://idp/jwks.json',
        AUTH_JWKS_CACHE_SECONDS: '60',
      }),
    ).toMatchObject({ alg: 'RS256', jwksUrl: 'https://idp/jwks.json', jwksCacheMs: 60_000 });
  });

  it.each([
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET must be set to at least 32 bytes for HS256'],
    [{ AUTH_JWT_ALG: 'RS256' }, 'AUTH_JWKS_URL must be an http(s) URL for RS256'],
    [{ AUTH_JWT_ALG: 'none' }, 'AUTH_JWT_ALG must be HS256 or RS256'],
    [
      { AUTH_JWT_SECRET: SECRET, AUTH_JWT_LEEWAY_SECONDS: '-1' },
      'AUTH_JWT_LEEWAY_SECONDS must be a non-negative number of seconds',
    ],
  ])('fails fast on %o, naming the variable but not its value', (env, message) => {
    expect(() => jwtAuthConfigFromEnv(env)).toThrow(new Error(message));
  });
});
