import type { NewRecord, RecordPatch } from '../../store/records';
import type { Resource } from '../../store/resources';
import type { SimStore } from '../../store/store';
import { unprocessable } from '../api-error';

/** Turns one wire value into record fields; throws a 422 ApiError on a bad value. */
export type FieldWriter = (
  value: unknown,
  store: SimStore,
  current: Record<string, unknown> | undefined,
) => Record<string, unknown>;

const fail = (name: string, what: string): never => {
  throw unprocessable(`${name} ${what}`);
};

export const str =
  (name: string, opts: { nullable?: boolean; max?: number } = {}): FieldWriter =>
  (v) => {
    if (v === null && opts.nullable) return { [name]: null };
    if (typeof v !== 'string') return fail(name, 'must be a string');
    if (opts.max !== undefined && v.length > opts.max)
      return fail(name, `is too long (maximum is ${opts.max} characters)`);
    return { [name]: v };
  };

export const bool =
  (name: string): FieldWriter =>
  (v) =>
    typeof v === 'boolean' ? { [name]: v } : fail(name, 'must be true or false');

export const num =
  (name: string, opts: { integer?: boolean; min?: number; nullable?: boolean } = {}): FieldWriter =>
  (v) => {
    if (v === null && opts.nullable) return { [name]: null };
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(name, 'must be a number');
    if (opts.integer && !Number.isInteger(v)) return fail(name, 'must be an integer');
    if (opts.min !== undefined && v < opts.min) return fail(name, `must be at least ${opts.min}`);
    return { [name]: v };
  };

export const oneOf =
  (name: string, allowed: readonly string[], opts: { nullable?: boolean } = {}): FieldWriter =>
  (v) => {
    if (v === null && opts.nullable) return { [name]: null };
    if (typeof v !== 'string' || !allowed.includes(v)) return fail(name, `must be one of ${allowed.join(', ')}`);
    return { [name]: v };
  };

export const date =
  (name: string): FieldWriter =>
  (v) => {
    if (v === null) return { [name]: null };
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
      return fail(name, 'must be a date (YYYY-MM-DD)');
    return { [name]: v };
  };

export const dateTime =
  (name: string, opts: { nullable?: boolean } = {}): FieldWriter =>
  (v) => {
    if (v === null && opts.nullable) return { [name]: null };
    const ms = typeof v === 'string' ? Date.parse(v) : NaN;
    if (Number.isNaN(ms)) return fail(name, 'must be an ISO-8601 timestamp');
    return { [name]: ms - (ms % 1000) };
  };

/** `{ "id": 5 }` (or a bare id) referencing a stored record → `<key>: 5`; a missing record is 422. */
export const ref =
  (name: string, key: string, resource: Resource, opts: { nullable?: boolean } = {}): FieldWriter =>
  (v, store) => {
    if (v === null && opts.nullable) return { [key]: null };
    const id = typeof v === 'number' ? v : typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
    if (typeof id !== 'number' || !Number.isInteger(id)) return fail(name, 'must be an object with an integer id');
    if (!store.get(resource, id)) return fail(name, `references a missing record (id ${id})`);
    return { [key]: id };
  };

/** `{ "id": 5 }` referencing a lookup row (practice area, group, ...). */
export const lookupRef =
  (name: string, key: string, rows: (store: SimStore) => readonly { id: number }[]): FieldWriter =>
  (v, store) => {
    if (v === null) return { [key]: null };
    const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : v;
    if (typeof id !== 'number' || !rows(store).some((r) => r.id === id))
      return fail(name, 'references a missing record');
    return { [key]: id };
  };

/**
 * Apply the writers of a body's known fields to `current`; unknown fields are ignored, as Clio's parameter filtering
 * does. Writers are keyed by wire name, so the types cannot tie their output to `R`: each one validated its value and
 * names a field of `R` (a `WriteSpec<R>` holds them), which is what the one cast below relies on.
 */
export const applyWriters = <R extends Resource>(
  writers: Readonly<Record<string, FieldWriter>>,
  data: Record<string, unknown>,
  store: SimStore,
  current: NewRecord<R>,
): RecordPatch<R> => {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    const w = writers[name];
    if (w && value !== undefined) Object.assign(out, w(value, store, { ...current, ...out }));
  }
  return out as RecordPatch<R>;
};
