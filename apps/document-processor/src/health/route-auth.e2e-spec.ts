import { expectHealthOnlyEdge, startCapturingRoutes, type HttpRoute } from '@sf/http-auth/testing';
import type { Processor } from '../start-processor';
import { ProcessorHarness, TEST_JWT_SECRET } from '../testing/processor-harness';

describe('document-processor: every route needs the JWT unless allow-listed (e2e, routes read from the running app)', () => {
  let h: ProcessorHarness;
  let processor: Processor;
  let routes: HttpRoute[];

  beforeAll(async () => {
    h = await ProcessorHarness.start();
    ({ started: processor, routes } = await startCapturingRoutes(() => h.startProcessor()));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves health only (both probes public); any route added later must need the JWT or join the allow-list', async () => {
    await expectHealthOnlyEdge({ baseUrl: processor.url, routes, key: { alg: 'HS256', secret: TEST_JWT_SECRET } });
  });
});
