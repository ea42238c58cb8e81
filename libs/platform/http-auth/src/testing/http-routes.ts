import type { INestApplication } from '@nestjs/common';

/** Methods a route is probed with. `USE` is middleware mounted on a path (e.g. a docs UI), probed with GET. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'USE';

/** One route the app serves, as registered: `path` keeps its parameters (`/sync-jobs/:id/stop`). */
export interface HttpRoute {
  method: RouteMethod;
  path: string;
}

const METHODS: readonly RouteMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface RouterLayer {
  rawPath?: unknown;
  route?: { path?: unknown; methods?: Record<string, boolean> };
}

/** `METHOD /path`: how routes are named in allow-lists and reports. */
export const routeKey = (r: HttpRoute): string => `${r.method} ${r.path}`;

// Express 4 keeps its router in `_router` (and `app.router` throws); Express 5 exposes `router`.
const stackOf = (instance: unknown): RouterLayer[] => {
  const app = instance as { _router?: { stack?: unknown } };
  const router = app._router ?? (instance as { router?: { stack?: unknown } }).router;
  if (!Array.isArray(router?.stack)) throw new Error("the app's HTTP adapter is not Express (no router stack)");
  return router.stack as RouterLayer[];
};

const routesOfLayer = (layer: RouterLayer): HttpRoute[] => {
  if (layer.route === undefined) {
    // Middleware: global ones sit at `/`; one mounted on a path serves that path.
    return typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? [{ method: 'USE', path: layer.rawPath }] : [];
  }
  const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
  const methods = METHODS.filter((m) => layer.route?.methods?.[m.toLowerCase()] === true);
  return paths
    .filter((p): p is string => typeof p === 'string')
    .flatMap((path) => methods.map((method) => ({ method, path })));
};

/**
 * Every route the running app serves, read from the HTTP server's own router (what requests are matched against,
 * so nothing registered outside Nest's controllers is missed). Sorted by path, then method; HEAD and OPTIONS,
 * which Express derives, are left out. Call after `app.init()` / `app.listen()`.
 */
export const listHttpRoutes = (app: INestApplication): HttpRoute[] => {
  const seen = new Map<string, HttpRoute>();
  for (const layer of stackOf(app.getHttpAdapter().getInstance())) {
    for (const r of routesOfLayer(layer)) seen.set(routeKey(r), r);
  }
  return [...seen.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
};

const PARAM = /[:*]([A-Za-z_$][\w$]*)/g;

/** Names of the route's path parameters (`:id`) and wildcards (`*rest`), in order. */
export const pathParams = (path: string): string[] => [...path.matchAll(PARAM)].map((m) => m[1]!);

/** A concrete path for the route: each parameter replaced by `values[name]` (URL-encoded), optional groups kept. */
export const fillPath = (path: string, values: Readonly<Record<string, string>>): string =>
  path.replace(/[{}]/g, '').replace(PARAM, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encodeURIComponent(v);
  });
