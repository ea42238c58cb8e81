import type { CompiledSelection } from '../models/compile';
import { compileFields, stampOf } from '../models/compile';
import type { RenderEnv } from '../models/model';
import type { BaseRecord } from '../store/records';
import type { SimStore } from '../store/store';
import type { RequestContext } from '../server/context';
import { sendChunks } from '../server/context';
import { ApiError, badRequest, invalidFields } from './api-error';
import type { ListSpec, Pred, RowSource, SortKey } from './list-spec';
import { COMMON_INDEX_PARAMS } from './list-spec';
import { decodeCursor, encodeCursor } from './page-token';
import { cursorPage } from './cursor-page';
import type { RowView, Viewer } from '../access/viewer';
import { callerOf } from '../oauth/auth-state';
import { intListParam, intParam, timeParam } from './query-params';
import { ErrorType } from '../wire';

/** Largest `limit` and the default (Clio's paging documentation). */
export const MAX_LIMIT = 200;
/** Offset paging stops at this many records (Clio's paging documentation): asking beyond is 422 ArgumentError. */
export const MAX_OFFSET_RECORDS = 10_000;

/** Read at every request, so the control API can switch them (`AccessRules` implements it). */
export interface ListOptions {
  /** Add `meta.records` (the records matching, as this caller sees them). */
  readonly metaRecords: boolean;
  /** A `page_token` older than this is refused; null: never. */
  readonly pageTokenTtlMs?: number | null;
  now?(): number;
  /** The caller's own view (per-user permissions, `AccessRules.viewerFor`); none: every row in full, cached. */
  viewerFor?(userId: number | undefined): Viewer | undefined;
}

const tableSource = <R extends BaseRecord>(spec: ListSpec<R>): RowSource<R> => ({
  ascending: (store, after) => store.table(spec.resource).ascending(after) as Iterable<R>,
  descending: (store, before) => store.table(spec.resource).descending(before) as Iterable<R>,
});

/** Serve an index request: filters, `fields`, cursor or offset paging, `meta.paging.next`. */
export const serveList = <R extends BaseRecord>(
  ctx: RequestContext,
  store: SimStore,
  spec: ListSpec<R>,
  opts: ListOptions,
): void => {
  const q = ctx.query;
  const compiled = compileFields(spec.model, q.get('fields') ?? undefined);
  if (!compiled.ok) throw invalidFields(compiled.message);
  const max = spec.maxLimit ?? MAX_LIMIT;
  const limit = q.has('limit') ? intParam('limit', q.get('limit') as string) : max;
  if (limit < 1 || limit > max) throw badRequest(`limit must be between 1 and ${max}`);
  const preds = buildPredicates(q, store, spec);
  const match: Pred<R> = preds.length === 0 ? () => true : (r) => preds.every((p) => p(r));
  const order = parseOrder(q.get('order'), spec);
  const source = spec.source ?? tableSource(spec);
  const viewer = opts.viewerFor?.(callerOf(ctx)?.userId);
  const filtered = viewer !== undefined;
  const view = (r: R): RowView => viewer?.rowView(spec.resource, r) ?? 'full';
  const now = opts.now?.() ?? 0;
  if (q.has('offset') || order.field !== 'id') {
    const offset = q.has('offset') ? intParam('offset', q.get('offset') as string) : 0;
    if (offset < 0) throw badRequest('offset must be zero or more');
    if (offset >= MAX_OFFSET_RECORDS) {
      throw new ApiError(
        422,
        ErrorType.Argument,
        `Offset pagination is limited to ${MAX_OFFSET_RECORDS} records; use cursor pagination (order=id(asc)) instead`,
      );
    }
    const all = collect(source.ascending(store, 0), match);
    const key = order.field === 'id' ? (r: R) => r.id : (r: R) => spec.orders?.[order.field](r, store) ?? null;
    all.sort((a, b) => compareKeys(key(a), key(b), a.id, b.id) * (order.desc ? -1 : 1));
    const rows = all.slice(offset, Math.min(offset + limit, MAX_OFFSET_RECORDS));
    const paging = {
      next:
        offset + limit < all.length
          ? withParams(q, { offset: String(offset + limit), page_token: undefined })
          : undefined,
      previous:
        offset > 0 ? withParams(q, { offset: String(Math.max(0, offset - limit)), page_token: undefined }) : undefined,
    };
    const records = opts.metaRecords
      ? filtered
        ? all.filter((r) => view(r) !== 'hidden').length
        : all.length
      : undefined;
    return respond(ctx, { store, viewer }, compiled.compiled, rows, view, paging, records);
  }

  const token = q.get('page_token');
  const cursor = token === null ? undefined : decodeCursor(token, now, opts.pageTokenTtlMs ?? null);
  const page = cursorPage(store, source, match, limit, order, cursor, now);
  const paging = {
    next: page.next && withParams(q, { page_token: encodeCursor(page.next), offset: undefined }),
    previous: page.previous && withParams(q, { page_token: encodeCursor(page.previous), offset: undefined }),
  };
  const total = opts.metaRecords
    ? countMatches(store, spec, source, (r) => match(r) && view(r) !== 'hidden', preds.length === 0 && !filtered)
    : undefined;
  respond(ctx, { store, viewer }, compiled.compiled, page.rows, view, paging, total);
};

const OPEN = Buffer.from('{"data":[');
const COMMA = Buffer.from(',');
const CLOSE_META = Buffer.from('],"meta":');
const CLOSE = Buffer.from('}');

const REDACTED = (id: number): Buffer => Buffer.from(JSON.stringify({ id, redacted: true }));

/**
 * Assemble the page from cached per-record UTF-8 bytes (a memcpy per record, no re-encoding). Rows the caller may
 * not see are left out after the page was cut (so a page may be short, even empty, and still link onwards), and
 * redacted ones are `{"id":…,"redacted":true}`, as Clio does for Contacts Visibility. A caller with a view of their
 * own gets every record rendered for them (nested contacts redacted, their activity visibility).
 */
const respond = <R extends BaseRecord>(
  ctx: RequestContext,
  env: RenderEnv,
  sel: CompiledSelection<R>,
  page: readonly R[],
  view: (r: R) => RowView,
  links: { next?: URLSearchParams; previous?: URLSearchParams },
  records: number | undefined,
): void => {
  const stamp = stampOf(sel.deps, env);
  const parts: Buffer[] = [OPEN];
  let n = 0;
  for (const row of page) {
    const v = view(row);
    if (v === 'hidden') continue;
    if (n++ > 0) parts.push(COMMA);
    parts.push(v === 'redacted' ? REDACTED(row.id) : sel.bytes(row, env, stamp));
  }
  const url = (p: URLSearchParams | undefined) => (p ? `${ctx.origin}${ctx.path}?${p.toString()}` : undefined);
  const paging = {
    ...(links.previous ? { previous: url(links.previous) } : {}),
    ...(links.next ? { next: url(links.next) } : {}),
  };
  const meta = records === undefined ? { paging } : { paging, records };
  parts.push(CLOSE_META, Buffer.from(JSON.stringify(meta)), CLOSE);
  sendChunks(ctx, 200, parts);
};

const buildPredicates = <R extends BaseRecord>(q: URLSearchParams, store: SimStore, spec: ListSpec<R>): Pred<R>[] => {
  const preds: Pred<R>[] = [];
  const common: readonly string[] = spec.common ?? COMMON_INDEX_PARAMS;
  const excl = spec.exclusions?.(q);
  if (excl) preds.push(excl);
  if (common.includes('ids[]') && q.has('ids[]')) {
    const ids = new Set(intListParam('ids[]', q.getAll('ids[]')));
    preds.push((r) => ids.has(r.id));
  }
  if (common.includes('updated_since') && q.has('updated_since')) {
    const t = timeParam('updated_since', q.get('updated_since') as string);
    preds.push((r) => r.updated_at >= t);
  }
  if (common.includes('created_since') && q.has('created_since')) {
    const t = timeParam('created_since', q.get('created_since') as string);
    preds.push((r) => r.created_at >= t);
  }
  for (const [name, def] of Object.entries(spec.filters)) {
    if (!q.has(name)) continue;
    const p = def(q.getAll(name), store, q);
    if (p) preds.push(p);
  }
  return preds;
};

const parseOrder = <R extends BaseRecord>(raw: string | null, spec: ListSpec<R>): { field: string; desc: boolean } => {
  if (raw === null || raw === '') return { field: 'id', desc: false };
  if (!spec.orders) throw badRequest('order is not supported by this endpoint');
  const m = /^([a-z_.]+)\((asc|desc)\)$/.exec(raw.trim());
  if (!m || (m[1] !== 'id' && !(m[1] in spec.orders))) throw badRequest(`Invalid order: ${raw}`);
  return { field: m[1], desc: m[2] === 'desc' };
};

const collect = <R>(iter: Iterable<R>, match: Pred<R>): R[] => {
  const out: R[] = [];
  for (const r of iter) if (match(r)) out.push(r);
  return out;
};

const compareKeys = (a: SortKey, b: SortKey, idA: number, idB: number): number => {
  if (a === b) return idA - idB;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
};

const countMatches = <R extends BaseRecord>(
  store: SimStore,
  spec: ListSpec<R>,
  source: RowSource<R>,
  match: Pred<R>,
  everyRow: boolean,
): number => {
  if (everyRow && !spec.source) return store.table(spec.resource).size;
  let n = 0;
  for (const r of source.ascending(store, 0)) if (match(r)) n++;
  return n;
};

const withParams = (q: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams => {
  const out = new URLSearchParams(q);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) out.delete(k);
    else out.set(k, v);
  }
  return out;
};
