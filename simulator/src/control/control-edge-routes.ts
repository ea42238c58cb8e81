import type { RequestContext } from '../server/context';
import type { ControlRoute } from './control-http';
import { fail, num, objectBody, ok, str } from './control-http';
import { parseRegisteredApp } from './registered-app-body';
import { parseChaos } from '../webhooks/delivery-chaos';
import type { EdgeDeps, SimulatorEdge } from './simulator-edge';

/** Control routes for OAuth, rate limits and webhooks. */
export const registerControlEdgeRoutes = (add: ControlRoute, edge: SimulatorEdge, deps: EdgeDeps): void => {
  registerOAuthAppRoutes(add, edge, deps);
  registerTokenRoutes(add, edge, deps);
  registerLimitAndWebhookRoutes(add, edge);
};

const regionOf = (deps: EdgeDeps, body: Record<string, unknown>, ctx: RequestContext): string | undefined => {
  const region = str(body.region) ?? deps.regions[0];
  if (deps.regions.includes(region)) return region;
  fail(ctx, 400, `region ${region} is not served`);
  return undefined;
};

const registerOAuthAppRoutes = (add: ControlRoute, edge: SimulatorEdge, deps: EdgeDeps): void => {
  add('GET', '/oauth/apps', (ctx) =>
    ok(ctx, { apps: Object.fromEntries(deps.regions.map((r) => [r, edge.oauth.region(r).apps.list()])) }),
  );
  add('POST', '/oauth/apps', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    const parsed = parseRegisteredApp(body);
    if (!parsed.ok) return fail(ctx, 400, parsed.message);
    ok(ctx, { regions: edge.oauth.registerApp(parsed.app) }, 201);
  });
  add('PUT', '/oauth/auto-approve', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    edge.oauth.autoApprove = { enabled: body.enabled !== false, userId: num(body.userId) };
    ok(ctx, edge.oauth.autoApprove);
  });
  add('PUT', '/oauth/token-ttl', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    const seconds = num(body.seconds);
    if (seconds === undefined || seconds <= 0) return fail(ctx, 400, 'seconds must be positive');
    edge.oauth.ttlSeconds = seconds;
    ok(ctx, { seconds });
  });
};

const registerTokenRoutes = (add: ControlRoute, edge: SimulatorEdge, deps: EdgeDeps): void => {
  add('POST', '/oauth/tokens', async (ctx) => {
    const body = await objectBody(ctx);
    const region = body && regionOf(deps, body, ctx);
    if (!body || !region) return;
    try {
      ok(
        ctx,
        edge.issueToken({
          region,
          clientId: str(body.clientId),
          userId: num(body.userId),
          ttlSeconds: num(body.ttlSeconds),
        }),
        201,
      );
    } catch (err) {
      fail(ctx, 400, (err as Error).message);
    }
  });
  add('POST', '/oauth/revoke-user', async (ctx) => {
    const body = await objectBody(ctx);
    const region = body && regionOf(deps, body, ctx);
    if (!body || !region) return;
    const clientId = str(body.clientId) ?? edge.oauth.region(region).apps.list()[0]?.clientId;
    const userId = num(body.userId) ?? edge.oauth.defaultUserId();
    if (!clientId) return fail(ctx, 400, 'no app to revoke');
    ok(ctx, { revoked: edge.oauth.revokeUser(region, clientId, userId) });
  });
  add('POST', '/oauth/revoke-token', async (ctx) => {
    const body = await objectBody(ctx);
    const region = body && regionOf(deps, body, ctx);
    if (!body || !region) return;
    const token = str(body.accessToken);
    if (!token) return fail(ctx, 400, 'accessToken is required');
    ok(ctx, { revoked: edge.oauth.region(region).tokens.revokeAccessToken(token) !== undefined });
  });
  add('GET', '/oauth/callbacks', (ctx) => ok(ctx, { callbacks: edge.oauth.callbackLog() }));
};

const registerLimitAndWebhookRoutes = (add: ControlRoute, edge: SimulatorEdge): void => {
  add('GET', '/rate-limit', (ctx) => ok(ctx, edge.rateLimits.current));
  add('PUT', '/rate-limit', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    edge.rateLimits.configure({
      enabled: typeof body.enabled === 'boolean' ? body.enabled : undefined,
      limit: num(body.limit),
      offPeakLimit: num(body.offPeakLimit),
      windowSeconds: num(body.windowSeconds),
      perAppPerSecond: num(body.perAppPerSecond),
    });
    ok(ctx, edge.rateLimits.current);
  });

  add('GET', '/webhooks', (ctx) => ok(ctx, { webhooks: edge.webhooks.registry.list() }));
  add('GET', '/webhooks/deliveries', (ctx) => ok(ctx, { deliveries: edge.webhooks.dispatcher.queue.all() }));
  add('GET', '/webhooks/attempts', (ctx) => ok(ctx, { attempts: edge.webhooks.dispatcher.attempts() }));
  add('POST', '/webhooks/pump', async (ctx) => ok(ctx, { sent: await edge.webhooks.dispatcher.pump() }));
  add('GET', '/webhooks/chaos', (ctx) =>
    ok(ctx, { ...edge.webhooks.dispatcher.chaos.current, counts: edge.webhooks.dispatcher.chaos.counts }),
  );
  add('PUT', '/webhooks/chaos', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    const parsed = parseChaos(body, edge.webhooks.dispatcher.chaos.current);
    if (!parsed.ok) return fail(ctx, 400, parsed.message);
    edge.webhooks.dispatcher.chaos.set(parsed.settings);
    ok(ctx, parsed.settings);
  });
  add('POST', '/webhooks/:id/suspend', (ctx) => {
    const hook = edge.webhooks.suspend(Number(ctx.params.id));
    if (!hook) return fail(ctx, 404, `webhook ${ctx.params.id} not found`);
    ok(ctx, { id: hook.id, status: hook.status });
  });
  add('POST', '/webhooks/settle', async (ctx) => {
    await edge.settle();
    ok(ctx, { pending: edge.webhooks.dispatcher.queue.pending() });
  });
};
