import type { Resource } from '../store/resources';
import type { FieldSelection } from './fields-parser';
import { parseFields } from './fields-parser';
import type { FieldDef, Model, RenderEnv } from './model';

/** A `fields` selection compiled against a model: renders records and caches their JSON. */
export interface CompiledSelection<T> {
  render(rec: T, env: RenderEnv): Record<string, unknown>;
  /**
   * JSON of `rec`, cached per record object while `stamp` (see {@link stampOf}) is unchanged; rendered afresh for
   * an env with a viewer (a per-user view is never cached).
   */
  json(rec: T, env: RenderEnv, stamp: string): string;
  /** The same JSON as UTF-8 bytes (what list pages are assembled from, without re-encoding). */
  bytes(rec: T, env: RenderEnv, stamp: string): Buffer;
  /** Resources the nested fields read from; their versions make up the cache stamp. */
  readonly deps: readonly Resource[];
}

export type CompileResult<T> = { ok: true; compiled: CompiledSelection<T> } | { ok: false; message: string };

type Writer = (out: Record<string, unknown>, rec: unknown, env: RenderEnv) => void;

const compiledCache = new WeakMap<Model<unknown>, Map<string, CompileResult<unknown>>>();
const MAX_CACHED_SELECTIONS = 512;

/** Parse and compile `fields` (undefined → the model's defaults). Results are memoised per model and string. */
export const compileFields = <T>(model: Model<T>, fields: string | undefined): CompileResult<T> => {
  const raw = fields ?? '';
  let perModel = compiledCache.get(model as Model<unknown>);
  if (!perModel) compiledCache.set(model as Model<unknown>, (perModel = new Map()));
  const hit = perModel.get(raw);
  if (hit) return hit as CompileResult<T>;
  const result = compileUncached(model, raw);
  if (perModel.size >= MAX_CACHED_SELECTIONS) perModel.clear();
  perModel.set(raw, result as CompileResult<unknown>);
  return result;
};

const compileUncached = <T>(model: Model<T>, raw: string): CompileResult<T> => {
  let selection: FieldSelection[];
  if (raw.trim() === '') selection = model.defaults.map((name) => ({ name }));
  else {
    const parsed = parseFields(raw);
    if (!parsed.ok) return parsed;
    selection = parsed.fields;
  }
  const deps = new Set<Resource>();
  const built = buildWriters(model as Model<unknown>, selection, true, deps);
  if (typeof built === 'string') return { ok: false, message: built };
  const writers = built;
  const render = (rec: T, env: RenderEnv): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const w of writers) w(out, rec, env);
    model.redact?.(out, rec, env);
    return out;
  };
  // Keyed by id with an identity check: records are replaced, never mutated, so a stale entry simply misses.
  const cache = new Map<number, { rec: object; stamp: string; buf: Buffer }>();
  const bytes = (rec: T, env: RenderEnv, stamp: string): Buffer => {
    if (env.viewer !== undefined) return Buffer.from(JSON.stringify(render(rec, env)));
    const id = (rec as { id: number }).id;
    const hit = cache.get(id);
    if (hit !== undefined && hit.rec === rec && hit.stamp === stamp) return hit.buf;
    const buf = Buffer.from(JSON.stringify(render(rec, env)));
    cache.set(id, { rec: rec as object, stamp, buf });
    return buf;
  };
  return {
    ok: true,
    compiled: { render, deps: [...deps], bytes, json: (rec, env, stamp) => bytes(rec, env, stamp).toString('utf8') },
  };
};

const buildWriters = (
  model: Model<unknown>,
  selection: readonly FieldSelection[],
  top: boolean,
  deps: Set<Resource>,
): Writer[] | string => {
  const writers: Writer[] = [];
  const seen = new Set<string>();
  for (const sel of selection) {
    if (seen.has(sel.name)) continue;
    seen.add(sel.name);
    const def = (model.fields as Record<string, FieldDef<unknown>>)[sel.name];
    if (!def) return `Invalid field: ${sel.name} is not a field of ${model.name}`;
    const w = writerFor(sel, def, top, deps);
    if (typeof w === 'string') return w;
    writers.push(w);
  }
  return writers;
};

const writerFor = (sel: FieldSelection, def: FieldDef<unknown>, top: boolean, deps: Set<Resource>): Writer | string => {
  const name = sel.name;
  switch (def.kind) {
    case 'value':
      if (sel.sub) return `Invalid field: ${name} has no nested fields`;
      return (out, rec, env) => void (out[name] = def.get(rec, env));
    case 'stub': {
      const empty = def.shape === 'array' ? [] : null;
      return (out) => void (out[name] = empty);
    }
    case 'object':
    case 'array': {
      const nested = def.model() as Model<unknown>;
      const sub = top && sel.sub ? sel.sub : nested.defaults.map((n) => ({ name: n }));
      for (const d of def.deps ?? []) deps.add(d);
      const inner = buildWriters(nested, sub, false, deps);
      if (typeof inner === 'string') return inner;
      const renderOne = (item: unknown, env: RenderEnv): Record<string, unknown> => {
        // A nested object the viewer may not read is `{"id":…,"redacted":true}` (Clio's permission redaction).
        if (env.viewer !== undefined && (nested.nestedView?.(item, env) ?? 'full') !== 'full')
          return { id: (item as { id: unknown }).id, redacted: true };
        const o: Record<string, unknown> = {};
        for (const w of inner) w(o, item, env);
        return o;
      };
      if (def.kind === 'object') {
        return (out, rec, env) => {
          const item = def.get(rec, env);
          out[name] = item === null || item === undefined ? null : renderOne(item, env);
        };
      }
      return (out, rec, env) => void (out[name] = def.get(rec, env).map((item) => renderOne(item, env)));
    }
  }
};

/** Cache stamp for a compiled selection: the versions of the resources its nested fields read. */
export const stampOf = (deps: readonly Resource[], env: RenderEnv): string =>
  deps.length === 0 ? '' : deps.map((d) => env.store.version(d)).join('.');
