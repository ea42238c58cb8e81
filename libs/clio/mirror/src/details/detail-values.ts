import { clioIdOf, instantOf } from '../mirror-row';

// Readers of nested Clio values for the typed detail tables. Each returns null for anything it cannot read as its
// type, so a value Clio sends in an unexpected shape is stored as null (its raw text stays where the table keeps
// one), never as a guess and never as a failure of the projection.

export type Json = Record<string, unknown>;

export const objectOf = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;

export const objectsOf = (v: unknown): Json[] =>
  Array.isArray(v) ? v.map(objectOf).filter((x): x is Json => x !== null) : [];

export const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A nested record's id (`{"id": 7}` → "7"), or null. */
export const refIdOf = (v: unknown): string | null => clioIdOf(objectOf(v)?.['id']);

/** A decimal as text for a `numeric` column (exact: no float rounding of currency); numbers and numeric strings. */
export const decimalOf = (v: unknown): string | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && /^-?\d{1,30}(\.\d{1,30})?$/.test(v.trim())) return v.trim();
  return null;
};

export const booleanOf = (v: unknown): boolean | null => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === '1' || v === 1) return true;
  if (v === 'false' || v === '0' || v === 0) return false;
  return null;
};

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateOf = (v: unknown): string | null => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) ? v : null;
};

/** A time of day `HH:MM` or `HH:MM:SS`. */
export const timeOf = (v: unknown): string | null =>
  typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(v) ? v : null;

/** The wire value as text: strings as they are, other scalars in their JSON form; null stays null. */
export const rawTextOf = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

export { clioIdOf, instantOf };

/** Rows with distinct keys (the last one wins): a parent's detail rows share one primary key per `key`. */
export const distinctBy = <T>(rows: readonly T[], key: (r: T) => string): T[] => [
  ...new Map(rows.map((r) => [key(r), r])).values(),
];
