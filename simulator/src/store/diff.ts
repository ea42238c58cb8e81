/** Keys whose values differ between two versions of a record, limited to the keys the patch touched. */
export const changedFieldsOf = (prev: object, next: object, patch: object): string[] => {
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(patch)) {
    if (!sameValue(p[key], n[key])) out.push(key);
  }
  return out;
};

const sameValue = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
};
