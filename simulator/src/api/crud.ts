import type { Model } from '../models/model';
import type { Handler, RequestContext } from '../server/context';
import { send } from '../server/context';
import type { BaseRecord, NewRecord, RecordOf } from '../store/records';
import type { Resource } from '../store/resources';
import type { SimStore } from '../store/store';
import { ErrorType, Header } from '../wire';
import { ApiError, badRequest, handled, notFound, unprocessable } from './api-error';
import type { ListOptions } from './list-engine';
import { serveList } from './list-engine';
import type { ListSpec } from './list-spec';
import { renderOne, serveShow } from './show';
import { callerOf } from '../oauth/auth-state';
import { applyWriters } from './writes/field-writers';
import type { WriteSpec } from './writes/write-specs';

/** Numeric path id (`/matters/12.json`), or 404 for anything else. */
export const pathId = (ctx: RequestContext, name = 'id'): number => {
  const raw = ctx.params[name] ?? '';
  if (!/^\d+$/.test(raw)) throw notFound('Record');
  return Number(raw);
};

/** The `data` object of a write body (`{"data":{...}}`), or 400/422. */
export const bodyData = async (ctx: RequestContext): Promise<Record<string, unknown>> => {
  const body = await ctx.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Request body must be a JSON object');
  const data = (body as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw unprocessable('data must be an object');
  return data as Record<string, unknown>;
};

export const listHandler = <R extends BaseRecord>(
  store: SimStore,
  spec: ListSpec<R> | (() => ListSpec<R>),
  opts: ListOptions,
): Handler => handled((ctx) => serveList(ctx, store, typeof spec === 'function' ? spec() : spec, opts));

/**
 * A single record as the caller may see it (the same rules as its lists): a record hidden from the caller is a
 * 404, a redacted one `{"data":{"id":…,"redacted":true}}`.
 */
export const showHandler = <R extends Resource>(
  store: SimStore,
  resource: R,
  model: Model<RecordOf<R>>,
  opts: Pick<ListOptions, 'viewerFor'> = {},
): Handler =>
  handled((ctx) => {
    const rec = store.get(resource, pathId(ctx));
    if (!rec) throw notFound(resource);
    const viewer = opts.viewerFor?.(callerOf(ctx)?.userId);
    const view = viewer?.rowView(resource, rec) ?? 'full';
    if (view === 'hidden') throw notFound(resource);
    if (view === 'redacted') return send(ctx, 200, JSON.stringify({ data: { id: rec.id, redacted: true } }));
    serveShow(ctx, store, model, rec, viewer);
  });

export interface WriteHooks<R extends Resource> {
  /** Adjust the merged record before validation (derived fields). */
  normalize?: (rec: NewRecord<R>) => NewRecord<R>;
  /** After a create (e.g. make the matter's folder). Returns the record to render. */
  afterCreate?: (rec: RecordOf<R>) => RecordOf<R>;
}

export const createHandler = <R extends Resource>(
  store: SimStore,
  resource: R,
  model: Model<RecordOf<R>>,
  spec: WriteSpec<R>,
  hooks: WriteHooks<R> = {},
): Handler =>
  handled(async (ctx) => {
    const data = await bodyData(ctx);
    const blank = spec.blank(store);
    let rec: NewRecord<R> = { ...blank, ...applyWriters(spec.writers, data, store, blank) };
    if (hooks.normalize) rec = hooks.normalize(rec);
    const problem = spec.validate?.(rec);
    if (problem) throw unprocessable(problem);
    let created = store.create(resource, rec);
    if (hooks.afterCreate) created = hooks.afterCreate(created);
    send(ctx, 201, renderOne(ctx, store, model, created));
  });

export const updateHandler = <R extends Resource>(
  store: SimStore,
  resource: R,
  model: Model<RecordOf<R>>,
  spec: WriteSpec<R>,
  hooks: WriteHooks<R> = {},
): Handler =>
  handled(async (ctx) => {
    const id = pathId(ctx);
    const current = store.get(resource, id);
    if (!current) throw notFound(resource);
    const data = await bodyData(ctx);
    let merged: NewRecord<R> = { ...current, ...applyWriters<R>(spec.writers, data, store, current) };
    if (hooks.normalize) merged = hooks.normalize(merged);
    const problem = spec.validate?.(merged);
    if (problem) throw unprocessable(problem);
    const ifMatch = ctx.headers[Header.IfMatch];
    const result = store.update(resource, id, merged, {
      ifMatch: typeof ifMatch === 'string' ? ifMatch.trim() : undefined,
    });
    if (!result.ok) {
      if (result.reason === 'precondition_failed') {
        throw new ApiError(
          412,
          ErrorType.PreconditionFailed,
          'The resource has been modified since the given ETag (If-Match)',
        );
      }
      throw notFound(resource);
    }
    send(ctx, 200, renderOne(ctx, store, model, result.record));
  });

export const deleteHandler = <R extends Resource>(store: SimStore, resource: R): Handler =>
  handled((ctx) => {
    const result = store.delete(resource, pathId(ctx));
    if (!result.ok) throw notFound(resource);
    send(ctx, 204);
  });
