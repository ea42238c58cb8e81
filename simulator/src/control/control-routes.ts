import { parseActivityMix } from '../activity/activity-options';
import { isManualClock } from '../clock';
import type { RequestContext } from '../server/context';
import type { Router } from '../server/router';
import { registerAccessRoutes } from './control-access-routes';
import { registerControlEdgeRoutes } from './control-edge-routes';
import type { ControlRoute } from './control-http';
import { fail, num, objectBody, ok } from './control-http';
import { CONTROL_KEY_HEADER, CONTROL_PREFIX } from './edge-options';
import type { EdgeDeps, SimulatorEdge } from './simulator-edge';

/**
 * The control API: ground truth, request log and counters, faults, clock, activity generator and reset here;
 * OAuth, rate-limit and webhook controls in control-edge-routes.ts. No OAuth, no rate limit, no faults.
 */
export const registerControlRoutes = (
  router: Router,
  edge: SimulatorEdge,
  deps: EdgeDeps,
  key: string | undefined,
): void => {
  const add: ControlRoute = (method, path, handler) =>
    router.add(
      method,
      `${CONTROL_PREFIX}${path}`,
      (ctx) => {
        if (key !== undefined && ctx.headers[CONTROL_KEY_HEADER] !== key)
          return fail(ctx, 401, 'missing or wrong control key');
        return handler(ctx);
      },
      { scope: 'control' },
    );
  registerStateRoutes(add, edge, deps);
  registerFaultRoutes(add, edge, deps);
  registerClockAndActivityRoutes(add, edge, deps);
  registerControlEdgeRoutes(add, edge, deps);
  registerAccessRoutes(add, deps);
};

/** Health, ground truth, request log and counters, reset. */
const registerStateRoutes = (add: ControlRoute, edge: SimulatorEdge, deps: EdgeDeps): void => {
  const { store, clock, requests } = deps;
  add('GET', '/health', (ctx) => ok(ctx, { ok: true, regions: deps.regions, now: clock.now() }));
  add('GET', '/ground-truth', (ctx) => ok(ctx, store.groundTruth()));
  add('GET', '/requests', (ctx) => {
    const limit = Number(ctx.query.get('limit') ?? 1000);
    const entries = requests.entries();
    ok(ctx, { total: requests.count, entries: entries.slice(Math.max(0, entries.length - limit)) });
  });
  add('DELETE', '/requests', (ctx) => {
    requests.clear();
    edge.counters.clear();
    ok(ctx, { ok: true });
  });
  add('GET', '/requests/counters', (ctx) => ok(ctx, { byToken: edge.counters.all() }));
  add('POST', '/reset', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    const r = await edge.reset({ data: body.data === true });
    return r.ok ? ok(ctx, r) : fail(ctx, 409, r.message);
  });
};

const registerFaultRoutes = (add: ControlRoute, edge: SimulatorEdge, deps: EdgeDeps): void => {
  add('GET', '/faults', (ctx) => ok(ctx, { faults: edge.faults.list() }));
  add('POST', '/faults', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    const r = edge.faults.add(body, deps.clock.now());
    return r.ok ? ok(ctx, r.plan, 201) : fail(ctx, 422, r.message);
  });
  add('DELETE', '/faults', (ctx) => {
    edge.faults.clear();
    ok(ctx, { ok: true });
  });
  add('DELETE', '/faults/:id', (ctx) =>
    edge.faults.remove(ctx.params.id) ? ok(ctx, { ok: true }) : fail(ctx, 404, 'no such fault'),
  );
};

const registerClockAndActivityRoutes = (add: ControlRoute, edge: SimulatorEdge, deps: EdgeDeps): void => {
  add('GET', '/clock', (ctx) => ok(ctx, clockState(deps)));
  add('POST', '/clock/set', (ctx) => moveClock(ctx, edge, deps, 'set'));
  add('POST', '/clock/advance', (ctx) => moveClock(ctx, edge, deps, 'advance'));
  add('GET', '/activity', (ctx) => ok(ctx, edge.activity.status()));
  add('POST', '/activity/start', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    const mix = parseActivityMix(body.mix);
    if (!mix.ok) return fail(ctx, 400, mix.message);
    ok(ctx, edge.activity.start({ opsPerMinute: num(body.opsPerMinute), mix: mix.mix }));
  });
  add('POST', '/activity/stop', (ctx) => ok(ctx, edge.activity.stop()));
  add('POST', '/activity/step', async (ctx) => {
    const body = await objectBody(ctx);
    if (!body) return;
    const ops = edge.activity.step(Math.min(10_000, Math.max(1, num(body.n) ?? 1)));
    await edge.webhooks.dispatcher.pump();
    ok(ctx, { ops, status: edge.activity.status() });
  });
};

const clockState = (deps: EdgeDeps) => ({
  now: deps.clock.now(),
  iso: new Date(deps.clock.now()).toISOString(),
  manual: isManualClock(deps.clock),
});

const moveClock = async (
  ctx: RequestContext,
  edge: SimulatorEdge,
  deps: EdgeDeps,
  how: 'set' | 'advance',
): Promise<void> => {
  const clock = deps.clock;
  if (!isManualClock(clock))
    return fail(ctx, 409, 'the simulator runs on the system clock; start it with a ManualClock');
  const body = await objectBody(ctx);
  if (!body) return;
  if (how === 'set') {
    const at = typeof body.now === 'string' ? Date.parse(body.now) : num(body.now);
    if (at === undefined || Number.isNaN(at)) return fail(ctx, 400, 'now must be epoch ms or an ISO-8601 string');
    clock.set(at);
  } else {
    const ms = num(body.ms) ?? (num(body.seconds) !== undefined ? (num(body.seconds) as number) * 1000 : undefined);
    if (ms === undefined || ms < 0) return fail(ctx, 400, 'give ms or seconds (non-negative)');
    clock.advance(ms);
  }
  await edge.afterClockChange();
  ok(ctx, clockState(deps));
};
