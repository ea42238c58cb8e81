/** A compact JWS split into its parts; nothing in it is trusted until the signature is checked. */
export interface ParsedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `<header>.<payload>` exactly as received: the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

/** Larger tokens are refused before any parsing or crypto work. */
export const MAX_TOKEN_LENGTH = 8192;
const B64URL = /^[A-Za-z0-9_-]+$/;

const jsonObject = (part: string): Record<string, unknown> | null => {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Splits and decodes a compact JWS; null when it is not one (wrong shape, bad base64url, not JSON objects). */
export const parseJwt = (token: string): ParsedJwt | null => {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  // An empty signature is what alg "none" produces; it is malformed for us before the alg is even read.
  if (!B64URL.test(h) || !B64URL.test(p) || !B64URL.test(s)) return null;
  const header = jsonObject(h);
  const payload = jsonObject(p);
  if (!header || !payload) return null;
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
};
