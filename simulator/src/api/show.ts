import { compileFields, stampOf } from '../models/compile';
import type { Model, RenderEnv } from '../models/model';
import type { RequestContext } from '../server/context';
import { send } from '../server/context';
import type { BaseRecord } from '../store/records';
import type { SimStore } from '../store/store';
import { Header } from '../wire';
import { invalidFields } from './api-error';
import type { Viewer } from '../access/viewer';

/** RFC 7231 date, e.g. `Wed, 01 Jan 2025 00:00:00 GMT`. */
export const httpDate = (ms: number): string => new Date(ms).toUTCString();

const etagMatches = (header: string | string[] | undefined, etag: string): boolean => {
  if (header === undefined) return false;
  const values = (Array.isArray(header) ? header : [header]).flatMap((h) => h.split(','));
  return values.some((v) => {
    const t = v.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
};

/** Render `{"data":{...}}` with `fields`, for `viewer` when the caller has a view of their own. */
export const renderOne = <R>(
  ctx: RequestContext,
  store: SimStore,
  model: Model<R>,
  rec: R,
  viewer?: Viewer,
): string => {
  const compiled = compileFields(model, ctx.query.get('fields') ?? undefined);
  if (!compiled.ok) throw invalidFields(compiled.message);
  const env: RenderEnv = viewer === undefined ? { store } : { store, viewer };
  return `{"data":${compiled.compiled.json(rec, env, stampOf(compiled.compiled.deps, env))}}`;
};

/**
 * A single-record GET: `ETag` + `Last-Modified`, 304 on a matching `If-None-Match` or an `If-Modified-Since` not
 * older than `updated_at` (D-ET). `fields` errors are checked first, as Clio validates the request before caching.
 */
export const serveShow = <R extends BaseRecord>(
  ctx: RequestContext,
  store: SimStore,
  model: Model<R>,
  rec: R,
  viewer?: Viewer,
): void => {
  const body = renderOne(ctx, store, model, rec, viewer);
  const headers = { [Header.ETag]: rec.etag, [Header.LastModified]: httpDate(rec.updated_at) };
  const inm = ctx.headers[Header.IfNoneMatch];
  if (inm !== undefined) {
    if (etagMatches(inm, rec.etag)) return send(ctx, 304, undefined, headers);
  } else {
    const ims = ctx.headers[Header.IfModifiedSince];
    const since = typeof ims === 'string' ? Date.parse(ims) : NaN;
    if (!Number.isNaN(since) && rec.updated_at <= since) return send(ctx, 304, undefined, headers);
  }
  send(ctx, 200, body, headers);
};

export { etagMatches };
