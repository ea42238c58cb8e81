import type { SimStore } from '../store/store';
import type { Resource } from '../store/resources';
import type { RowView, Viewer } from '../access/viewer';

/** What a field getter may read besides the record itself. */
export interface RenderEnv {
  store: SimStore;
  /** The caller's own view (per-user permissions); absent: the shared view, whose JSON is cached per record. */
  viewer?: Viewer;
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/**
 * One wire field of a model.
 * - `value`: a scalar (or a scalar array such as `roles`); braces after it are a 400.
 * - `object` / `array`: a nested model rendered with the selection in braces, or its default fields without braces.
 *   `deps` lists the store resources the getter reads, so cached JSON is invalidated when those change.
 * - `stub`: declared by Clio's schema but not simulated; accepted in `fields` (with any braces) and rendered as
 *   null / [].
 */
export type FieldDef<T> =
  | { kind: 'value'; get: (r: T, env: RenderEnv) => JsonValue }
  | { kind: 'object'; model: () => Model<never>; get: (r: T, env: RenderEnv) => unknown; deps?: readonly Resource[] }
  | {
      kind: 'array';
      model: () => Model<never>;
      get: (r: T, env: RenderEnv) => readonly unknown[];
      deps?: readonly Resource[];
    }
  | StubDef;

export interface StubDef {
  kind: 'stub';
  shape: 'object' | 'array';
}

export interface Model<T> {
  /** Clio schema name, e.g. `Matter`. */
  readonly name: string;
  readonly fields: Readonly<Record<string, FieldDef<T>>>;
  /** Fields returned when none are asked for: `id`, `etag` (D-F). */
  readonly defaults: readonly string[];
  /** Removes what the viewer may not see from a rendered top-level record (Clio's permission redaction). */
  readonly redact?: (out: Record<string, unknown>, rec: T, env: RenderEnv) => void;
  /** How the viewer may see this record where it is nested in another: anything but `full` renders as redacted. */
  readonly nestedView?: (rec: T, env: RenderEnv) => RowView;
}

export const defineModel = <T>(name: string, fields: Record<string, FieldDef<NoInfer<T>>>): Model<T> => ({
  name,
  fields,
  defaults: 'etag' in fields ? ['id', 'etag'] : ['id'],
});

export const val = <T>(get: (r: T, env: RenderEnv) => JsonValue): FieldDef<T> => ({ kind: 'value', get });

/** A scalar stored under the same key as its wire name. */
export const key = <T>(k: keyof T & string): FieldDef<T> => ({
  kind: 'value',
  get: (r) => ((r as Record<string, unknown>)[k] ?? null) as JsonValue,
});

export const one = <T, N>(
  model: () => Model<N>,
  get: (r: T, env: RenderEnv) => N | null | undefined,
  deps?: readonly Resource[],
): FieldDef<T> => ({ kind: 'object', model: model as () => Model<never>, get, deps });

export const many = <T, N>(
  model: () => Model<N>,
  get: (r: T, env: RenderEnv) => readonly N[],
  deps?: readonly Resource[],
): FieldDef<T> => ({ kind: 'array', model: model as () => Model<never>, get, deps });

export const stubObject: StubDef = { kind: 'stub', shape: 'object' };
export const stubArray: StubDef = { kind: 'stub', shape: 'array' };

/** `2025-01-31T09:15:00+00:00` (Clio sends an offset, not `Z`; whole seconds). */
export const isoTime = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : `${new Date(ms).toISOString().slice(0, 19)}+00:00`;

export const time = <T>(k: keyof T & string): FieldDef<T> => ({
  kind: 'value',
  get: (r) => isoTime((r as Record<string, unknown>)[k] as number | null),
});
