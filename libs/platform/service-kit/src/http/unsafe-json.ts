import { exceedsJsonDepth, MAX_JSON_DEPTH } from '@sf/contracts';

/** Keys that reach prototypes in careless code: refused like any unknown field, wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** NUL (Postgres text refuses it) or a UTF-16 surrogate without its pair (not representable in UTF-8). */
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A key is named in a message only when it looks like a field name; anything else could be content. */
const NAMEABLE = /^[A-Za-z0-9_$-]{1,64}$/;

const join = (path: string, key: string): string => {
  const name = NAMEABLE.test(key) || FORBIDDEN_KEYS.has(key) ? key : '<field>';
  return path === '' ? name : `${path}.${name}`;
};

/** True for a string holding NUL or an unpaired surrogate. */
export const hasUnsafeText = (s: string): boolean => UNSAFE_TEXT.test(s);

/**
 * The first problem of a parsed JSON value that no route accepts, as a message naming the field and never quoting
 * it: too deep, a prototype key or a key that is no field name (both unknown fields), NUL or an unpaired surrogate
 * in a string. Null when clean. Iterative.
 */
export const unsafeJsonProblem = (value: unknown, root: string): string | null => {
  if (exceedsJsonDepth(value)) return `${root}: nested deeper than ${MAX_JSON_DEPTH} levels`;
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (hasUnsafeText(v)) return `${path}: must not contain NUL or an unpaired surrogate`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    for (const [key, child] of Object.entries(v)) {
      const at = join(path, key);
      // No route has a field named like content (or like a prototype): refused as unknown, and never quoted.
      if (FORBIDDEN_KEYS.has(key) || !NAMEABLE.test(key)) return `property ${at} should not exist`;
      stack.push([child, at]);
    }
  }
  return null;
};
