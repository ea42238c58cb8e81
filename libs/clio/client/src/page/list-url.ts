import type { ClioResource, ListRequest } from '../types';
import { ClioParam, CURSOR_ORDER, MAX_PAGE_LIMIT, RESOURCES_WITHOUT_ORDER } from '../wire';

/** Parameters the client owns: a filter with one of these names would break cursor pagination or selection. */
const RESERVED_PARAMS: ReadonlySet<string> = new Set([
  ClioParam.Fields,
  ClioParam.Order,
  ClioParam.Limit,
  ClioParam.Offset,
  ClioParam.PageToken,
]);

/** `<apiBaseUrl>/<path>.json`; `apiBaseUrl` is the connection's regional `/api/v4` base. */
export function apiUrl(apiBaseUrl: string, path: string): URL {
  return new URL(`${apiBaseUrl.replace(/\/+$/, '')}/${path}.json`);
}

/** First page of a cursor listing: `fields`, `order=id(asc)` (where the endpoint takes one), `limit`, filters. */
export function listUrl(apiBaseUrl: string, req: ListRequest): URL {
  const limit = req.limit ?? MAX_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new RangeError(`limit must be an integer in 1..${MAX_PAGE_LIMIT}, got ${limit}`);
  }
  const url = apiUrl(apiBaseUrl, req.resource);
  if (req.fields.length > 0) url.searchParams.set(ClioParam.Fields, req.fields.join(','));
  if (!RESOURCES_WITHOUT_ORDER.has(req.resource)) url.searchParams.set(ClioParam.Order, CURSOR_ORDER);
  url.searchParams.set(ClioParam.Limit, String(limit));
  for (const [name, value] of Object.entries(req.filters ?? {})) {
    if (RESERVED_PARAMS.has(name)) throw new RangeError(`filter ${name} is set by the client, not by filters`);
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, v);
  }
  return url;
}

/** A single record: `<resource>/<id>.json?fields=...`. */
export function recordUrl(apiBaseUrl: string, resource: ClioResource, id: string, fields: string[]): URL {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new RangeError('record id must be a plain Clio id');
  const url = apiUrl(apiBaseUrl, `${resource}/${id}`);
  if (fields.length > 0) url.searchParams.set(ClioParam.Fields, fields.join(','));
  return url;
}

/**
 * A previous page's `nextUrl`, accepted only on the connection's own API base: the bearer token must never
 * be sent to another host. Null when the cursor points elsewhere.
 */
export function cursorUrl(apiBaseUrl: string, cursor: string): URL | null {
  let url: URL;
  try {
    url = new URL(cursor);
  } catch {
    return null;
  }
  const base = new URL(apiBaseUrl);
  const basePath = base.pathname.replace(/\/+$/, '') + '/';
  return url.origin === base.origin && url.pathname.startsWith(basePath) ? url : null;
}
