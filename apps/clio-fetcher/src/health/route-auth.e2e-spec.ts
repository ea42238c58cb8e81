import pino from 'pino';
import { jetstreamManager } from '@nats-io/jetstream';
import { DEFAULT_CLAIMS } from '@sf/http-auth';
import { expectHealthOnlyEdge, startCapturingRoutes, type HttpRoute } from '@sf/http-auth/testing';
import { connectTestNats, createTestDatabase, TEST_NATS_URL, uniqueName, type TestDatabase } from '@sf/testing';
import { fetcherConfig } from '../fetcher-config';
import { startFetcher, type Fetcher } from '../start-fetcher';
import type { FetcherDb } from '../schema/fetcher-schema';

const SECRET = 'fetcher-route-auth-secret-of-at-least-32-bytes';

describe('clio-fetcher: every route needs the JWT unless allow-listed (e2e, routes read from the running app)', () => {
  let t: TestDatabase<FetcherDb>;
  let fetcher: Fetcher;
  let routes: HttpRoute[];
  const id = uniqueName('fxauth').replace(/[^A-Za-z0-9_]/g, '_');
  const streams = { eventsStream: `${id}_events`.toUpperCase(), deadLetterStream: `${id}_dlq`.toUpperCase() };

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ started: fetcher, routes } = await startCapturingRoutes(() =>
      startFetcher(
        fetcherConfig({
          databaseUrl: t.url,
          natsUrl: TEST_NATS_URL,
          port: 0,
          host: '127.0.0.1',
          workers: 1,
          logger: pino({ level: 'silent' }),
          topology: { namespace: id, ...streams, eventsMaxAgeMs: 3_600_000, deadLetterMaxAgeMs: 3_600_000 },
          jwt: { alg: 'HS256', secret: Buffer.from(SECRET), leewaySeconds: 30, claims: { ...DEFAULT_CLAIMS } },
        }),
      ),
    ));
  });
  afterAll(async () => {
    await fetcher?.close();
    const nc = await connectTestNats();
    const jsm = await jetstreamManager(nc);
    for (const name of [streams.eventsStream, streams.deadLetterStream])
      await jsm.streams.delete(name).catch(() => false);
    await nc.close();
    await t?.drop();
  });

  it('serves health only (both probes public); any route added later must need the JWT or join the allow-list', async () => {
    await expectHealthOnlyEdge({ baseUrl: fetcher.url, routes, key: { alg: 'HS256', secret: SECRET } });
  });
});
