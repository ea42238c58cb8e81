import type { INestApplication } from '@nestjs/common';
import { captureNestApps, checkFirmScoping, checkRouteAuth, listHttpRoutes, routeKey, type HttpRoute } from '@sf/http-auth/testing';
import type { Processor } from '../start-processor';
import { ProcessorHarness, TEST_JWT_SECRET } from '../testing/processor-harness';

/** The processor serves health only, and both probes are public. */
const PUBLIC_ROUTES = ['GET /health/live', 'GET /health/ready'];
/** Swagger UI and its JSON (`/docs`, `/docs-json`): mounted on express outside the guard, public by design. */
const DOCS_ROUTES = ['GET /docs*', 'USE /docs*'];
const isDocs = (key: string): boolean => / \/docs/.test(key);

describe('document-processor: every route needs the JWT unless allow-listed (e2e, routes read from the running app)', () => {
  let h: ProcessorHarness;
  let processor: Processor;
  let routes: HttpRoute[];

  beforeAll(async () => {
    h = await ProcessorHarness.start();
    const capture = captureNestApps();
    try {
      processor = await h.startProcessor();
      const apps: INestApplication[] = await capture.apps();
      expect(apps).toHaveLength(1);
      routes = listHttpRoutes(apps[0]!);
    } finally {
      capture.stop();
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves exactly its public health routes; any route added later must need the JWT or join the allow-list', async () => {
    expect(routes.map(routeKey)).toEqual(expect.arrayContaining(PUBLIC_ROUTES));
    const report = await checkRouteAuth({
      baseUrl: processor.url, routes, publicRoutes: [...PUBLIC_ROUTES, ...DOCS_ROUTES], key: { alg: 'HS256', secret: TEST_JWT_SECRET },
    });
    expect(report.problems).toEqual([]);
    expect(report.open.filter((k) => !isDocs(k))).toEqual(PUBLIC_ROUTES);
    expect(report.open).toEqual(expect.arrayContaining(['GET /docs-json', 'USE /docs']));
    const scoping = await checkFirmScoping({ baseUrl: processor.url, routes, authorization: 'Bearer unused', casesFor: () => undefined });
    expect(scoping).toEqual({ checked: [], problems: [] });
  });
});
