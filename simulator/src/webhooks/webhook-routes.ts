import { callerOf } from '../oauth/auth-state';
import { compileFields } from '../models/compile';
import { send, sendError, type RequestContext } from '../server/context';
import type { Router } from '../server/router';
import { API_PREFIX, ErrorType, Header } from '../wire';
import { WebhookModel } from './webhook.model';
import type { WebhookRecord } from './webhook-registry';
import { listWebhooks } from './webhook-list';
import type { WebhookService } from './webhook-service';
import { HookHeader } from './webhook-wire';

const ERROR_TYPE = { 404: ErrorType.NotFound, 412: ErrorType.PreconditionFailed, 422: ErrorType.Validation } as const;

/** `/api/v4/webhooks` (Clio's OpenAPI) plus `PUT /webhooks/:id/activate` (described in the Webhooks tag text). */
export const registerWebhookRoutes = (router: Router, service: WebhookService): void => {
  const base = `${API_PREFIX}/webhooks`;
  router.add('GET', base, (ctx) => listWebhooks(ctx, service));
  router.add('POST', base, async (ctx) => {
    const c = caller(ctx);
    const result = service.create(await ctx.json(), { ...c, region: ctx.region });
    if (!result.ok) return sendError(ctx, result.status, ERROR_TYPE[result.status], result.message);
    render(ctx, service, 201, result.record);
  });
  router.add('GET', `${base}/:id`, (ctx) => {
    const hook = owned(ctx, service);
    if (!hook) return notFound(ctx);
    if (ctx.headers[Header.IfNoneMatch] === hook.etag) return send(ctx, 304, undefined, { [Header.ETag]: hook.etag });
    render(ctx, service, 200, hook, { [Header.ETag]: hook.etag });
  });
  router.add('PATCH', `${base}/:id`, async (ctx) => {
    const hook = owned(ctx, service);
    if (!hook) return notFound(ctx);
    const ifMatch = ctx.headers[Header.IfMatch];
    const result = service.update(hook.id, await ctx.json(), typeof ifMatch === 'string' ? ifMatch : undefined);
    if (!result.ok) return sendError(ctx, result.status, ERROR_TYPE[result.status], result.message);
    render(ctx, service, 200, result.record, { [Header.ETag]: result.record.etag });
  });
  router.add('DELETE', `${base}/:id`, (ctx) => {
    const hook = owned(ctx, service);
    if (!hook) return notFound(ctx);
    service.delete(hook.id);
    send(ctx, 204);
  });
  router.add('PUT', `${base}/:id/activate`, (ctx) => {
    const hook = owned(ctx, service);
    if (!hook) return notFound(ctx);
    const secret = ctx.headers[HookHeader.Secret];
    const result = service.activate(hook.id, typeof secret === 'string' ? secret : undefined);
    if (!result.ok) return sendError(ctx, result.status, ERROR_TYPE[result.status], result.message);
    render(ctx, service, 200, result.record);
  });
};

/** Webhooks belong to the app that created them; without OAuth (accept-any-bearer) everything is visible. */
const caller = (ctx: RequestContext): { userId: number; clientId: string } =>
  callerOf(ctx) ?? { userId: 1, clientId: '' };

const owned = (ctx: RequestContext, service: WebhookService): WebhookRecord | undefined => {
  const id = Number(ctx.params.id);
  const hook = Number.isInteger(id) ? service.registry.get(id) : undefined;
  const c = callerOf(ctx);
  return hook && (!c || hook.client_id === c.clientId) ? hook : undefined;
};

const notFound = (ctx: RequestContext): void =>
  sendError(ctx, 404, ErrorType.NotFound, 'The requested resource was not found');

const render = (
  ctx: RequestContext,
  service: WebhookService,
  status: number,
  hook: WebhookRecord,
  headers: Record<string, string> = {},
): void => {
  const compiled = compileFields(WebhookModel, ctx.query.get('fields') ?? undefined);
  if (!compiled.ok) return sendError(ctx, 400, ErrorType.InvalidFields, compiled.message);
  send(ctx, status, { data: compiled.compiled.render(hook, { store: service.store }) }, headers);
};
