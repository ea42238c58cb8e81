import { createHmac, sign, type KeyObject } from 'node:crypto';

const part = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

/**
 * Signs a compact JWS the way the gateway does (HS256 with a shared secret, RS256 with a private key). For tests,
 * local development and tools; services only verify (with jose). `header` may override anything, including `alg`:
 * that is why this is not jose's `SignJWT`, which refuses the forged headers the negative tests need (`alg: none`
 * with a signature, a numeric `kid`, `crit`) and is async where test fixtures sign synchronously.
 */
export const signJwt = (
  payload: Record<string, unknown>,
  key: { alg: 'HS256'; secret: Buffer | string } | { alg: 'RS256'; privateKey: KeyObject; kid?: string },
  header: Record<string, unknown> = {},
): string => {
  const h = { typ: 'JWT', alg: key.alg, ...(key.alg === 'RS256' && key.kid ? { kid: key.kid } : {}), ...header };
  const input = `${part(h)}.${part(payload)}`;
  const sig =
    key.alg === 'HS256'
      ? createHmac('sha256', key.secret).update(input).digest()
      : sign('sha256', Buffer.from(input), key.privateKey);
  return `${input}.${sig.toString('base64url')}`;
};
