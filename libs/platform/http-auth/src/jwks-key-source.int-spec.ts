import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CLAIMS } from './auth-config';
import { JwksKeySource } from './jwks-key-source';
import { createJwtVerifier } from './jwt-verifier';
import { signJwt } from './sign-jwt';

const k1 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const k2 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
const jwk = (pair: typeof k1, kid: string, extra: Record<string, unknown> = {}) => ({
  ...pair.publicKey.export({ format: 'jwk' }),
  kid,
  use: 'sig',
  alg: 'RS256',
  ...extra,
});

/** A JWKS endpoint on 127.0.0.1 standing in for the gateway's identity provider. */
describe('JwksKeySource against a local JWKS server', () => {
  let server: Server;
  let url: string;
  let fetches = 0;
  let answer: { status: number; body: unknown } = { status: 200, body: { keys: [jwk(k1, 'k1')] } };
  let clock = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    fetches = 0;
    clock = 1_000_000;
    answer = { status: 200, body: { keys: [jwk(k1, 'k1')] } };
  });
  const source = () => new JwksKeySource({ url, cacheMs: 60_000, minRefetchMs: 5_000, now: () => clock });

  it('verifies RS256 tokens end to end, fetching the set once for concurrent lookups', async () => {
    const v = createJwtVerifier(
      { alg: 'RS256', jwksUrl: url, jwksCacheMs: 60_000, leewaySeconds: 30, claims: { ...DEFAULT_CLAIMS } },
      source(),
    );
    const token = signJwt(
      { sub: 'u', firm_id: 'f', exp: Date.now() / 1000 + 60 },
      { alg: 'RS256', privateKey: k1.privateKey, kid: 'k1' },
    );
    const results = await Promise.all(Array.from({ length: 10 }, () => v.verify(token)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fetches).toBe(1);
  });

  it('caches, refetches after the cache time, and keeps the last good set when a refetch fails', async () => {
    const s = source();
    expect((await s.getKey('k1')).kind).toBe('found');
    clock += 59_000;
    expect((await s.getKey('k1')).kind).toBe('found');
    expect(fetches).toBe(1);
    clock += 2_000;
    answer = { status: 500, body: {} };
    expect((await s.getKey('k1')).kind).toBe('found');
    expect(fetches).toBe(2);
  });

  it('picks up a rotated key on an unknown kid, but refetches at most once per interval', async () => {
    const s = source();
    await s.getKey('k1');
    answer = { status: 200, body: { keys: [jwk(k1, 'k1'), jwk(k2, 'k2')] } };
    clock += 1_000;
    expect((await s.getKey('k2')).kind).toBe('unknown_kid');
    expect(fetches).toBe(1);
    clock += 5_000;
    expect((await s.getKey('k2')).kind).toBe('found');
    expect(fetches).toBe(2);
    expect((await s.getKey('k9')).kind).toBe('unknown_kid');
    expect(fetches).toBe(2);
  });

  it('fetches at most once per interval however many unknown-kid tokens arrive, and keeps verifying with the last good set while the JWKS fails', async () => {
    const s = source();
    const v = createJwtVerifier(
      { alg: 'RS256', jwksUrl: url, jwksCacheMs: 60_000, leewaySeconds: 30, claims: { ...DEFAULT_CLAIMS } },
      s,
    );
    const sign = (key: typeof k1, kid: string) =>
      signJwt(
        { sub: 'u', firm_id: 'f', exp: Date.now() / 1000 + 60 },
        { alg: 'RS256', privateKey: key.privateKey, kid },
      );
    expect((await v.verify(sign(k1, 'k1'))).ok).toBe(true);
    clock += 5_000;
    answer = { status: 500, body: {} };
    const unknown = Array.from({ length: 20 }, (_, i) => sign(k2, `rotated-${i}`));
    const results = await Promise.all(unknown.map((t) => v.verify(t)));
    expect(results).toEqual(unknown.map(() => ({ ok: false, reason: 'invalid_signature' })));
    for (const t of unknown) expect(await v.verify(t)).toEqual({ ok: false, reason: 'invalid_signature' });
    expect(fetches).toBe(2);
    expect((await v.verify(sign(k1, 'k1'))).ok).toBe(true);
  });

  it('ignores keys it must not use: weak, encryption-only, other algorithms', async () => {
    answer = {
      status: 200,
      body: {
        keys: [
          jwk(weak, 'weak'),
          jwk(k1, 'enc', { use: 'enc' }),
          jwk(k2, 'ps', { alg: 'PS256' }),
          { kty: 'oct', k: 'AAAA', kid: 'oct' },
          jwk(k1, 'k1'),
        ],
      },
    };
    const s = source();
    for (const kid of ['weak', 'enc', 'ps', 'oct']) expect((await s.getKey(kid)).kind).toBe('unknown_kid');
    expect((await s.getKey('k1')).kind).toBe('found');
    expect((await s.getKey(undefined)).kind).toBe('found');
  });

  it('answers unavailable on a cold start when the set cannot be fetched', async () => {
    answer = { status: 503, body: {} };
    expect(await source().getKey('k1')).toEqual({ kind: 'unavailable' });
    const dead = new JwksKeySource({ url: 'http://127.0.0.1:1/jwks.json', timeoutMs: 500 });
    expect(await dead.getKey('k1')).toEqual({ kind: 'unavailable' });
  });

  it('fetches at most once per interval while no set is cached, whatever arrives (a flood of tokens on a cold start)', async () => {
    answer = { status: 503, body: {} };
    const s = source();
    const flood = await Promise.all(Array.from({ length: 50 }, (_, i) => s.getKey(`kid-${i}`)));
    expect(flood.every((r) => r.kind === 'unavailable')).toBe(true);
    for (let i = 0; i < 50; i++) {
      clock += 50; // 2.5 s in all: less than minRefetchMs
      expect((await s.getKey(`later-${i}`)).kind).toBe('unavailable');
    }
    expect(fetches).toBe(1);
    answer = { status: 200, body: { keys: [jwk(k1, 'k1')] } };
    clock += 5_000;
    expect((await s.getKey('k1')).kind).toBe('found');
    expect(fetches).toBe(2);
  });
});
