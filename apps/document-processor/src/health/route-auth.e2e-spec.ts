import { randomUUID } from 'node:crypto';
import {
  checkFirmScoping,
  checkRouteAuth,
  DOCS_ROUTES,
  HEALTH_ROUTES,
  routeKey,
  startCapturingRoutes,
  type HttpRoute,
} from '@sf/http-auth/testing';
import { signJwt } from '@sf/http-auth';
import type { Processor } from '../start-processor';
import { ProcessorHarness, TEST_JWT_SECRET } from '../testing/processor-harness';
import { processingJobQueue } from '../work/processing-job-queue';

describe('document-processor: every route needs the JWT unless allow-listed, and is firm-scoped (e2e, routes read from the running app)', () => {
  let h: ProcessorHarness;
  let processor: Processor;
  let routes: HttpRoute[];
  const otherFirm = `other_${randomUUID()}`;
  const otherJob = randomUUID();

  beforeAll(async () => {
    h = await ProcessorHarness.start();
    ({ started: processor, routes } = await startCapturingRoutes(() => h.startProcessor()));
    // Another firm's job in the processor's queue (cancelled, so no worker claims it).
    await processingJobQueue.enqueue(h.t.db, {
      jobId: otherJob,
      firmId: otherFirm,
      correlationId: randomUUID(),
      requestedAt: new Date().toISOString(),
      payload: {},
      status: 'cancelled',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves health (public) and the documents of a job (JWT); no other route', async () => {
    expect(routes.map(routeKey).filter((k) => !/ \/docs/.test(k))).toEqual(
      expect.arrayContaining([...HEALTH_ROUTES, 'GET /jobs/:id/documents']),
    );
    const report = await checkRouteAuth({
      baseUrl: processor.url,
      routes,
      publicRoutes: [...HEALTH_ROUTES, ...DOCS_ROUTES],
      key: { alg: 'HS256', secret: TEST_JWT_SECRET },
    });
    expect(report.problems).toEqual([]);
    expect(report.open.filter((k) => !/ \/docs/.test(k))).toEqual(HEALTH_ROUTES);
  });

  it("answers another firm's job exactly like a missing one (404, same body)", async () => {
    const report = await checkFirmScoping({
      baseUrl: processor.url,
      routes,
      authorization: `Bearer ${signJwt({ sub: 'user-1', firm_id: h.firmId, exp: Math.floor(Date.now() / 1000) + 600 }, { alg: 'HS256', secret: TEST_JWT_SECRET })}`,
      casesFor: (r) =>
        r.path.startsWith('/jobs/') ? { foreign: { id: otherJob }, missing: { id: randomUUID() } } : undefined,
    });
    expect(report.problems).toEqual([]);
    expect(report.checked).toEqual(['GET /jobs/:id/documents']);
  });
});
