import { checkFirmScoping } from './firm-scope-check';
import { routeKey, type HttpRoute } from './http-routes';
import { checkRouteAuth, type SigningKey } from './route-auth-check';

/** The public probes of every service: health and Prometheus metrics (`@sf/service-kit`). */
export const HEALTH_ROUTES = ['GET /health/live', 'GET /health/ready', 'GET /metrics'];
/** Swagger UI and its JSON (`/docs`, `/docs-json`): mounted on express outside the guard, public by design. */
export const DOCS_ROUTES = ['GET /docs*', 'USE /docs*'];
const isDocs = (key: string): boolean => / \/docs/.test(key);

/**
 * Asserts that a service whose work arrives over NATS serves exactly its public health probes and API docs over
 * HTTP: any route added later must need the JWT or join the allow-list. `routes` are read from the running app.
 * Jest only.
 */
export const expectHealthOnlyEdge = async (o: {
  baseUrl: string;
  routes: HttpRoute[];
  key: SigningKey;
}): Promise<void> => {
  expect(o.routes.map(routeKey)).toEqual(expect.arrayContaining(HEALTH_ROUTES));
  const report = await checkRouteAuth({
    baseUrl: o.baseUrl,
    routes: o.routes,
    publicRoutes: [...HEALTH_ROUTES, ...DOCS_ROUTES],
    key: o.key,
  });
  expect(report.problems).toEqual([]);
  expect(report.open.filter((k) => !isDocs(k))).toEqual(HEALTH_ROUTES);
  expect(report.open).toEqual(expect.arrayContaining(['GET /docs-json', 'USE /docs']));
  const scoping = await checkFirmScoping({
    baseUrl: o.baseUrl,
    routes: o.routes,
    authorization: 'Bearer unused',
    casesFor: () => undefined,
  });
  expect(scoping).toEqual({ checked: [], problems: [] });
};
