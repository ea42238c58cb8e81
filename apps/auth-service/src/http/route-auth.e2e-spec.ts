import type { INestApplication } from '@nestjs/common';
import {
  captureNestApps,
  checkFirmScoping,
  checkRouteAuth,
  listHttpRoutes,
  routeKey,
  type HttpRoute,
} from '@sf/http-auth/testing';
import { AuthHarness, JWT_SECRET } from '../testing/auth-service-harness';
import { Routes } from '../wire-names';

/** The only routes of the auth service that answer without the gateway JWT: Clio's two callbacks and health. */
const PUBLIC_ROUTES = [
  `GET ${Routes.callback}`,
  `POST ${Routes.deauthorizeCallback}`,
  `GET ${Routes.live}`,
  `GET ${Routes.ready}`,
  'GET /metrics',
];
/** Swagger UI and its JSON (`/docs`, `/docs-json`): mounted on express outside the guard, public by design. */
const DOCS_ROUTES = ['GET /docs*', 'USE /docs*'];
const isDocs = (key: string): boolean => / \/docs/.test(key);

describe('auth service: every route needs the JWT and is firm-scoped (e2e, routes read from the running app)', () => {
  let h: AuthHarness;
  let routes: HttpRoute[];

  beforeAll(async () => {
    const capture = captureNestApps();
    try {
      h = await AuthHarness.start();
      const apps: INestApplication[] = await capture.apps();
      expect(apps).toHaveLength(1);
      routes = listHttpRoutes(apps[0]!);
    } finally {
      capture.stop();
    }
  });
  afterAll(async () => h?.close());

  it('finds the routes the auth service serves', () => {
    expect(routes.map(routeKey)).toEqual(
      expect.arrayContaining([
        `GET ${Routes.authorize}`,
        `GET ${Routes.connection}`,
        `DELETE ${Routes.connection}`,
        ...PUBLIC_ROUTES,
      ]),
    );
  });

  it('refuses no token, an expired, a malformed and a foreign-signed token with 401 on every route but the allow-listed ones', async () => {
    const report = await checkRouteAuth({
      baseUrl: h.service.url,
      routes,
      publicRoutes: [...PUBLIC_ROUTES, ...DOCS_ROUTES],
      key: { alg: 'HS256', secret: JWT_SECRET },
    });
    expect(report.problems).toEqual([]);
    expect(report.open.filter((k) => !isDocs(k))).toEqual([...PUBLIC_ROUTES].sort());
    expect(report.open).toEqual(expect.arrayContaining(['GET /docs-json', 'USE /docs']));
  });

  it('takes no resource id on any route: the firm always comes from the token', async () => {
    // A route with a path parameter would need a firm-scope case here; none exists, so the check must find none.
    const report = await checkFirmScoping({
      baseUrl: h.service.url,
      routes,
      authorization: `Bearer ${h.jwt('firm-a')}`,
      casesFor: () => undefined,
    });
    expect(report).toEqual({ checked: [], problems: [] });
  });
});
