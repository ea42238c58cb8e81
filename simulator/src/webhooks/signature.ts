import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Hook-Signature`: lowercase hex HMAC-SHA256 of the raw body keyed by the shared secret (hookdeck PR #149). */
export const signBody = (secret: string, rawBody: string | Buffer): string =>
  createHmac('sha256', secret).update(rawBody).digest('hex');

/** Receiver-side check, exported for tests and for clients that want the reference implementation. */
export const verifySignature = (secret: string, rawBody: string | Buffer, signature: string | undefined): boolean => {
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(signBody(secret, rawBody), 'hex'), Buffer.from(signature, 'hex'));
};
