import { createHash } from 'node:crypto';

/** Weak ETag of a JSON text: equal texts, equal tags (the same form Express uses). */
export const etagOf = (json: string): string =>
  `W/"${Buffer.byteLength(json).toString(16)}-${createHash('sha1').update(json).digest('base64url')}"`;

/**
 * Whether `If-None-Match` matches the tag (weak comparison, RFC 9110 §13.1.2): `*` or any listed tag with the same
 * opaque value. Unlike Express's `req.fresh`, a request's `Cache-Control: no-cache` does not disable it: that
 * directive is for caches, and `fetch` adds it to every request carrying `If-None-Match`.
 */
export const ifNoneMatchHits = (header: string | undefined, tag: string): boolean => {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string): string => t.trim().replace(/^W\//, '');
  const want = opaque(tag);
  return header.split(',').some((t) => opaque(t) === want);
};
