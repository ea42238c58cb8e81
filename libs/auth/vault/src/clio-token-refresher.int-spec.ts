import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createClioTokenRefresher, clioTokenRefresherOptionsFromEnv } from './clio-token-refresher';
import { startFakeTokenEndpoint, tokenBody, type FakeTokenEndpoint } from './test-support/fake-token-endpoint';

/** A port nothing listens on: bind, read the port, close. */
const closedPort = async (): Promise<number> => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
};

describe('createClioTokenRefresher (HTTP)', () => {
  let endpoint: FakeTokenEndpoint;
  beforeAll(async () => {
    endpoint = await startFakeTokenEndpoint(() => ({ status: 200, body: tokenBody('a-1', 'r-2', 3600) }));
  });
  afterAll(() => endpoint.close());

  it('posts the refresh_token grant to the region\'s origin and parses the answer', async () => {
    const r = createClioTokenRefresher({ clientId: 'cid', clientSecret: 'cs', origins: { eu: endpoint.origin } });
    expect(await r.refresh('eu', 'r-1')).toEqual({ kind: 'refreshed', accessToken: 'a-1', expiresIn: 3600, refreshToken: 'r-2' });
    expect(endpoint.calls.at(-1)).toEqual({ grant_type: 'refresh_token', client_id: 'cid', client_secret: 'cs', refresh_token: 'r-1' });
  });

  it('reads per-region origins from the environment', () => {
    const o = clioTokenRefresherOptionsFromEnv({ CLIO_CLIENT_ID: 'i', CLIO_CLIENT_SECRET: 's', CLIO_OAUTH_ORIGIN_AU: 'http://127.0.0.1:1' });
    expect(o).toEqual({ clientId: 'i', clientSecret: 's', origins: { au: 'http://127.0.0.1:1' } });
    expect(() => clioTokenRefresherOptionsFromEnv({})).toThrow('CLIO_CLIENT_ID and CLIO_CLIENT_SECRET must be set');
  });

  it('reports an unreachable endpoint as transient, naming only the error code', async () => {
    const r = createClioTokenRefresher({ clientId: 'cid', clientSecret: 'cs', origins: { us: `http://127.0.0.1:${await closedPort()}` } });
    const outcome = await r.refresh('us', 'secret-refresh');
    expect(outcome).toEqual({ kind: 'transient', reason: 'token endpoint unreachable (ECONNREFUSED)' });
  });

  it('gives up after its timeout', async () => {
    const release = endpoint.hold();
    try {
      const r = createClioTokenRefresher({ clientId: 'cid', clientSecret: 'cs', origins: { ca: endpoint.origin }, timeoutMs: 100 });
      expect(await r.refresh('ca', 'r-1')).toEqual({ kind: 'transient', reason: 'token endpoint unreachable (UND_ERR_HEADERS_TIMEOUT)' });
    } finally {
      release();
    }
  });
});
