import type { WriteConflict } from './write-state';

/**
 * The comparable value of a written field in a Clio record: references (`assignee`, `calendar_owner`) by id, custom
 * field values as `{ <custom field id>: value }` over the custom fields the write names. Everything else as is.
 */
export const fieldValueOf = (record: Record<string, unknown>, field: string, written?: unknown): unknown => {
  const v = record[field];
  if (field === 'custom_field_values') return customValuesOf(v, customFieldIdsOf(written));
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'id' in v) return { id: String(v.id) };
  return v ?? null;
};

const cfIdOf = (entry: unknown): string | null => {
  if (entry === null || typeof entry !== 'object') return null;
  const cf = (entry as { custom_field?: { id?: unknown } }).custom_field;
  return cf?.id === undefined ? null : String(cf.id);
};

const customFieldIdsOf = (written: unknown): Set<string> | null =>
  Array.isArray(written) ? new Set(written.map(cfIdOf).filter((x): x is string => x !== null)) : null;

const customValuesOf = (v: unknown, only: Set<string> | null): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const entry of Array.isArray(v) ? v : []) {
    const id = cfIdOf(entry);
    if (id !== null && (only === null || only.has(id))) out[id] = (entry as { value?: unknown }).value ?? null;
  }
  return out;
};

/** Structural equality of JSON values (key order ignored). */
export const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
};

export type MergeOutcome =
  { kind: 'resend'; values: Record<string, unknown>; etag: string } | { kind: 'conflict'; conflict: WriteConflict };

/**
 * After a 412: `current` is the record Clio holds now. A field the person changes is theirs to send when Clio's
 * value still equals what the person saw (`base`), or already equals theirs; otherwise someone changed it in Clio
 * too, and it is a conflict. Without `base` nothing is known of what the person saw: every field that differs from
 * Clio's is a conflict. Fields the write does not name are never sent, so Clio's changes to them stay.
 */
export const mergeAfterPrecondition = (
  values: Record<string, unknown>,
  base: Record<string, unknown> | null,
  current: Record<string, unknown>,
): MergeOutcome => {
  const etag = String(current['etag'] ?? '');
  const conflict: WriteConflict = { fields: [], mine: {}, theirs: {}, currentEtag: etag };
  for (const [field, mine] of Object.entries(values)) {
    const theirs = fieldValueOf(current, field, mine);
    const wanted = field === 'custom_field_values' ? fieldValueOf({ [field]: mine }, field, mine) : mine;
    if (sameJson(theirs, wanted)) continue;
    const seen =
      base === null || !(field in base)
        ? undefined
        : field === 'custom_field_values'
          ? fieldValueOf(base, field, mine)
          : base[field];
    if (seen !== undefined && sameJson(seen, theirs)) continue;
    conflict.fields.push(field);
    conflict.mine[field] = mine;
    conflict.theirs[field] = current[field] ?? null;
  }
  return conflict.fields.length === 0 ? { kind: 'resend', values, etag } : { kind: 'conflict', conflict };
};
