/** Deepest nesting any message or request body of the platform needs (events nest 3 levels; 32 leaves room). */
export const MAX_JSON_DEPTH = 32;

/**
 * True when a parsed JSON value nests objects or arrays deeper than `limit`. Iterative, so a hostile 10,000-level
 * body is refused here instead of overflowing the stack of a recursive validator.
 */
export const exceedsJsonDepth = (value: unknown, limit: number = MAX_JSON_DEPTH): boolean => {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
};
