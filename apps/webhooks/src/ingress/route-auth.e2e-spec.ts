import {
  checkRouteAuth,
  DOCS_ROUTES,
  HEALTH_ROUTES,
  routeKey,
  startCapturingRoutes,
  type HttpRoute,
} from '@sf/http-auth/testing';
import type { WebhooksService } from '../start-webhooks';
import { TEST_JWT_SECRET, WebhooksHarness } from '../testing/webhooks-harness';

const INGRESS = 'POST /webhooks/clio/:subscriptionId';

describe('webhooks: only health, docs and the signed ingress are public (e2e, routes read from the running app)', () => {
  let h: WebhooksHarness;
  let service: WebhooksService;
  let routes: HttpRoute[];

  beforeAll(async () => {
    h = await WebhooksHarness.start();
    ({ started: service, routes } = await startCapturingRoutes(() => h.startService({ roles: ['ingress'] })));
  }, 120_000);
  afterAll(() => h.close());

  it('serves health and the ingress, which proves itself by signature, and no other route', async () => {
    expect(routes.map(routeKey).filter((k) => !/ \/docs/.test(k))).toEqual(
      expect.arrayContaining([...HEALTH_ROUTES, INGRESS]),
    );
    const report = await checkRouteAuth({
      baseUrl: service.url,
      routes,
      publicRoutes: [...HEALTH_ROUTES, ...DOCS_ROUTES, INGRESS],
      key: { alg: 'HS256', secret: TEST_JWT_SECRET },
    });
    expect(report.problems).toEqual([]);
    expect(report.open.filter((k) => !/ \/docs/.test(k)).sort()).toEqual([...HEALTH_ROUTES, INGRESS].sort());
  });
});
