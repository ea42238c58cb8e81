import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** `X-Hook-Signature`: HMAC-SHA256 of the raw body keyed by the webhook's secret, hex (Clio's encoding as observed). */
export const signBody = (secret: string, body: Buffer | string): string =>
  createHmac('sha256', secret).update(body).digest('hex');

/** Constant-time check of a signature header against the body; a header that is not 64 hex digits never matches. */
export const signatureMatches = (secret: string, body: Buffer, header: string | undefined): boolean => {
  if (header === undefined || !HEX_SHA256.test(header)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
};

/** Constant-time comparison of two secrets (the handshake's `X-Hook-Secret`). */
export const secretsEqual = (a: string, b: string): boolean => {
  const x = createHmac('sha256', 'handshake').update(a).digest();
  const y = createHmac('sha256', 'handshake').update(b).digest();
  return timingSafeEqual(x, y);
};
