/**
 * cyrb128: a fast, non-cryptographic 128-bit string hash (public domain, bryc). Used for ETags and for
 * deterministic download bytes; never for anything secret.
 */
export const hash128 = (str: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
};

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string => HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];

/** 32 lower-case hex digits. */
export const hashHex = (str: string): string => {
  const [a, b, c, d] = hash128(str);
  return hex8(a) + hex8(b) + hex8(c) + hex8(d);
};

/** Clio's ETag format: a quoted 32-hex digest, e.g. `"beea69c32b8f86d3afb2ef8808a9ba00"` (quotes included). */
export const makeEtag = (resource: string, id: number, revision: number | string, salt = ''): string =>
  `"${hashHex(`${salt}:${resource}:${id}:${revision}`)}"`;
