import { badRequest } from './api-error';

/** Cursor for `page_token`: the last id served and the direction. Opaque to clients (base64url JSON). */
export interface Cursor {
  after: number;
  desc: boolean;
}

export const encodeCursor = (c: Cursor): string =>
  Buffer.from(JSON.stringify({ a: c.after, d: c.desc ? 1 : 0 })).toString('base64url');

export const decodeCursor = (token: string): Cursor => {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown; d?: unknown };
    if (typeof v.a === 'number' && Number.isInteger(v.a) && (v.d === 0 || v.d === 1))
      return { after: v.a, desc: v.d === 1 };
  } catch {
    // fall through
  }
  throw badRequest('Invalid page_token');
};
