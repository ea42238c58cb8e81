import { isApiError } from '../api/api-error';
import { decodeCursor, encodeCursor } from '../api/page-token';
import { timeParam } from '../api/query-params';
import { compileFields } from '../models/compile';
import { callerOf } from '../oauth/auth-state';
import { send, sendError, type RequestContext } from '../server/context';
import { ErrorType } from '../wire';
import { WebhookModel } from './webhook.model';
import type { WebhookService } from './webhook-service';

const MAX_LIMIT = 200;

/**
 * `GET /webhooks.json`: the caller's app's webhooks with `ids[]`, `updated_since`/`created_since`, `order`
 * (`id(asc|desc)`, Clio's OpenAPI enum), and cursor pages (`limit`, `page_token`, `meta.paging.next`).
 */
export const listWebhooks = (ctx: RequestContext, service: WebhookService): void => {
  try {
    serve(ctx, service);
  } catch (err) {
    if (!isApiError(err)) throw err;
    sendError(ctx, err.status, err.type, err.message);
  }
};

const serve = (ctx: RequestContext, service: WebhookService): void => {
  const q = ctx.query;
  const compiled = compileFields(WebhookModel, q.get('fields') ?? undefined);
  if (!compiled.ok) return sendError(ctx, 400, ErrorType.InvalidFields, compiled.message);
  const limit = Number(q.get('limit') ?? MAX_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    return sendError(ctx, 400, ErrorType.BadRequest, `limit must be between 1 and ${MAX_LIMIT}`);
  const order = q.get('order') ?? 'id(asc)';
  if (order !== 'id(asc)' && order !== 'id(desc)')
    return sendError(ctx, 400, ErrorType.BadRequest, `Invalid order: ${order}`);
  const token = q.get('page_token');
  const cursor = token === null ? undefined : decodeCursor(token);
  const desc = cursor ? cursor.desc : order === 'id(desc)';
  const ids = new Set(q.getAll('ids[]').map(Number));
  const updatedSince = q.has('updated_since') ? timeParam('updated_since', q.get('updated_since') as string) : null;
  const createdSince = q.has('created_since') ? timeParam('created_since', q.get('created_since') as string) : null;
  const c = callerOf(ctx);
  const hooks = service.registry
    .list()
    .filter(
      (h) =>
        (!c || h.client_id === c.clientId) &&
        (ids.size === 0 || ids.has(h.id)) &&
        (updatedSince === null || h.updated_at >= updatedSince) &&
        (createdSince === null || h.created_at >= createdSince),
    )
    .sort((a, b) => (desc ? b.id - a.id : a.id - b.id));
  const rest = cursor ? hooks.filter((h) => (desc ? h.id < cursor.after : h.id > cursor.after)) : hooks;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  const next = new URLSearchParams(q);
  if (last) next.set('page_token', encodeCursor({ after: last.id, desc }));
  send(ctx, 200, {
    data: page.map((h) => compiled.compiled.render(h, { store: service.store })),
    meta: {
      paging: rest.length > limit ? { next: `${ctx.origin}${ctx.path}?${next.toString()}` } : {},
      records: hooks.length,
    },
  });
};
