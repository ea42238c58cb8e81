import { randomBytes } from 'node:crypto';
import { createKeyring, keyringFromEnv } from './keyring';
import { open, reseal, seal, sealedKeyId } from './sealed-value';
import { KeyringConfigError } from './vault-errors';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const ring1 = createKeyring([['k1', k1]], 'k1');
const ring12 = createKeyring(
  [
    ['k1', k1],
    ['k2', k2],
  ],
  'k2',
);
const AAD = 'clio_connections/c-1/access_token';

/** Flips one bit of the base64url part `index` of a sealed value. */
const flip = (sealed: string, index: number): string => {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
};

describe('seal / open', () => {
  it('round-trips and names the key id, with a fresh IV every time', () => {
    const a = seal(ring1, 'secret-token', AAD);
    const b = seal(ring1, 'secret-token', AAD);
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret-token');
    expect(sealedKeyId(a)).toBe('k1');
    expect(open(ring1, a, AAD)).toEqual({ ok: true, plaintext: 'secret-token' });
  });

  it.each([
    ['iv', 2],
    ['tag', 3],
    ['ciphertext', 4],
  ])('fails when the %s is tampered with', (_name, index) => {
    const s = seal(ring1, 'secret-token', AAD);
    expect(open(ring1, flip(s, index), AAD)).toEqual({ ok: false, reason: 'unauthentic' });
  });

  it('fails under another AAD: a value moved to another row or column does not open', () => {
    const s = seal(ring1, 'secret-token', AAD);
    expect(open(ring1, s, 'clio_connections/c-2/access_token')).toEqual({ ok: false, reason: 'unauthentic' });
    expect(open(ring1, s, 'clio_connections/c-1/refresh_token')).toEqual({ ok: false, reason: 'unauthentic' });
  });

  it('fails when relabelled with another key id, or when the key is gone', () => {
    const s = seal(ring12, 'secret-token', AAD);
    expect(open(ring12, s.replace('.k2.', '.k1.'), AAD)).toEqual({ ok: false, reason: 'unauthentic' });
    expect(open(ring1, s, AAD)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it.each(['', 'plain', 'v2.k1.a.b.c', 'v1.k1.AAAA.AAAA.AAAA', 'v1.k1.x.y'])('reports %p as malformed', (bad) => {
    expect(open(ring1, bad, AAD)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('reseal (key rotation)', () => {
  it('moves a value to the active key and leaves values already under it unchanged', () => {
    const old = seal(ring1, 'secret-token', AAD);
    const moved = reseal(ring12, old, AAD);
    expect(moved).toMatchObject({ ok: true, changed: true });
    if (!moved.ok) throw new Error('unreachable');
    expect(sealedKeyId(moved.sealed)).toBe('k2');
    expect(open(ring12, moved.sealed, AAD)).toEqual({ ok: true, plaintext: 'secret-token' });
    expect(reseal(ring12, moved.sealed, AAD)).toEqual({ ok: true, sealed: moved.sealed, changed: false });
  });

  it('refuses to carry a corrupt value forward', () => {
    expect(reseal(ring12, flip(seal(ring1, 't', AAD), 4), AAD)).toEqual({ ok: false, reason: 'unauthentic' });
  });
});

describe('keyringFromEnv', () => {
  const b64 = (b: Buffer): string => b.toString('base64');

  it('reads every key and the active id', () => {
    const ring = keyringFromEnv({ TOKEN_VAULT_KEYS: `k1:${b64(k1)}, k2:${b64(k2)}`, TOKEN_VAULT_ACTIVE_KID: 'k2' });
    expect(ring.activeKid).toBe('k2');
    expect([...ring.keys.keys()]).toEqual(['k1', 'k2']);
    expect(ring.keys.get('k1')!.equals(k1)).toBe(true);
  });

  const short = randomBytes(31).toString('base64');
  it.each([
    [{ TOKEN_VAULT_ACTIVE_KID: 'k1' }, /TOKEN_VAULT_KEYS is not set/],
    [{ TOKEN_VAULT_KEYS: `k1:${b64(k1)}` }, /TOKEN_VAULT_ACTIVE_KID is not set/],
    [{ TOKEN_VAULT_KEYS: `k1:${short}`, TOKEN_VAULT_ACTIVE_KID: 'k1' }, /key "k1" must be 32 bytes, got 31/],
    [
      { TOKEN_VAULT_KEYS: `k1:not base64!`, TOKEN_VAULT_ACTIVE_KID: 'k1' },
      /entry 1 \(key id "k1"\): key is not valid base64/,
    ],
    [{ TOKEN_VAULT_KEYS: `${b64(k1)}`, TOKEN_VAULT_ACTIVE_KID: 'k1' }, /entry 1 must look like kid:base64key/],
    [{ TOKEN_VAULT_KEYS: `k1:${b64(k1)},k1:${b64(k2)}`, TOKEN_VAULT_ACTIVE_KID: 'k1' }, /key id "k1" appears twice/],
    [{ TOKEN_VAULT_KEYS: `k1:${b64(k1)}`, TOKEN_VAULT_ACTIVE_KID: 'k9' }, /active key id "k9" is not among the keys/],
    [{ TOKEN_VAULT_KEYS: `k.1:${b64(k1)}`, TOKEN_VAULT_ACTIVE_KID: 'k.1' }, /entry 1: key id must match/],
  ])('rejects %o with a clear message', (env, message) => {
    const err = (() => {
      try {
        keyringFromEnv(env);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(KeyringConfigError);
    expect((err as Error).message).toMatch(message);
  });

  it('never prints key material in its errors', () => {
    const key = randomBytes(16).toString('base64');
    expect(() => keyringFromEnv({ TOKEN_VAULT_KEYS: `k1:${key}`, TOKEN_VAULT_ACTIVE_KID: 'k1' })).toThrow(
      KeyringConfigError,
    );
    try {
      keyringFromEnv({ TOKEN_VAULT_KEYS: `k1:${key}`, TOKEN_VAULT_ACTIVE_KID: 'k1' });
    } catch (e) {
      expect((e as Error).message).not.toContain(key);
      expect((e as Error).message).not.toContain(key.slice(0, 8));
    }
  });
});
