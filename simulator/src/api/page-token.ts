import { ApiError, badRequest } from './api-error';
import { ErrorType } from '../wire';

/**
 * Cursor for `page_token`: the boundary id, the listing's direction, whether it points backwards (a
 * `meta.paging.previous` link: the rows before `after`), and when it was issued. Opaque to clients (base64url JSON).
 */
export interface Cursor {
  after: number;
  desc: boolean;
  back?: boolean;
  /** Epoch ms the token was issued (for expiry). */
  issuedAt?: number;
}

export const encodeCursor = (c: Cursor): string =>
  Buffer.from(
    JSON.stringify({ a: c.after, d: c.desc ? 1 : 0, ...(c.back ? { b: 1 } : {}), t: c.issuedAt ?? 0 }),
  ).toString('base64url');

/** Decodes a token; one older than `ttlMs` at `now` is refused as expired (Clio documents neither, so: 400). */
export const decodeCursor = (token: string, now = 0, ttlMs: number | null = null): Cursor => {
  let v: { a?: unknown; d?: unknown; b?: unknown; t?: unknown } | undefined;
  try {
    v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof v;
  } catch {
    v = undefined;
  }
  if (!v || typeof v.a !== 'number' || !Number.isInteger(v.a) || (v.d !== 0 && v.d !== 1))
    throw badRequest('Invalid page_token');
  const issuedAt = typeof v.t === 'number' ? v.t : 0;
  if (ttlMs !== null && now - issuedAt > ttlMs) throw new ApiError(400, ErrorType.BadRequest, 'page_token has expired');
  return { after: v.a, desc: v.d === 1, back: v.b === 1, issuedAt };
};
