/** Clio's integer ids as text; other ids (calendar entries use strings) have no order we may rely on. */
const INTEGER_ID = /^\d{1,30}$/;

/** The largest integer id among `ids` (as text), or null when none is an integer id. */
export const maxIntegerId = (ids: Iterable<string | null>): string | null => {
  let max: bigint | null = null;
  for (const id of ids) {
    if (id === null || !INTEGER_ID.test(id)) continue;
    const n = BigInt(id);
    if (max === null || n > max) max = n;
  }
  return max === null ? null : max.toString();
};

/**
 * Whether a record of a restarted listing was already stored before the restart: listings run in `id(asc)` order,
 * so every integer id up to the last stored one was. A non-integer id is never skipped (re-storing it is harmless).
 */
export const storedBeforeRestart = (id: unknown, afterId: string | null): boolean => {
  if (afterId === null) return false;
  const text = typeof id === 'number' ? String(id) : id;
  return typeof text === 'string' && INTEGER_ID.test(text) && BigInt(text) <= BigInt(afterId);
};
