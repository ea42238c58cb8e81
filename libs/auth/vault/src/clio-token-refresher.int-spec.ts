import { createServer, type AddressInfo } from 'node:net';
import { createSimulator, type Simulator } from '@sf/clio-simulator';
import { createClioTokenRefresher, clioTokenRefresherOptionsFromEnv } from './clio-token-refresher';

const APP = { clientId: 'sim-demo-client', clientSecret: 'sim-demo-secret' };

/** A port nothing listens on: bind, read the port, close. */
const closedPort = async (): Promise<number> => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
};

describe('createClioTokenRefresher against the Clio simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await createSimulator({ empty: true, regions: ['us', 'eu'] });
    // Each region needs its own developer app; register the same credentials in the EU instance.
    sim.edge.oauth.registerApp({ ...APP, name: 'EU app', redirectUris: ['http://127.0.0.1/callback'], region: 'eu' });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.edge.faults.clear());

  it("refreshes at the region's own origin, and only there", async () => {
    const grant = sim.edge.issueToken({ region: 'eu' });
    const r = createClioTokenRefresher({ ...APP, origins: { us: sim.origin('us'), eu: sim.origin('eu') } });
    const out = await r.refresh('eu', grant.refresh_token);
    expect(out).toMatchObject({ kind: 'refreshed', expiresIn: 2_592_000, refreshToken: grant.refresh_token });
    expect(out.kind === 'refreshed' && out.accessToken).not.toBe(grant.access_token);
    // Regions are separate instances: the EU grant means nothing to the US one.
    expect(await r.refresh('us', grant.refresh_token)).toEqual({ kind: 'invalid_grant' });
  });

  it('maps a revoked grant to invalid_grant and wrong client credentials to transient', async () => {
    const grant = sim.edge.issueToken({ userId: 77 });
    sim.edge.oauth.revokeUser('us', APP.clientId, 77);
    expect(
      await createClioTokenRefresher({ ...APP, origins: { us: sim.origin('us') } }).refresh('us', grant.refresh_token),
    ).toEqual({ kind: 'invalid_grant' });
    const wrong = createClioTokenRefresher({
      clientId: APP.clientId,
      clientSecret: 'nope',
      origins: { us: sim.origin('us') },
    });
    expect(await wrong.refresh('us', grant.refresh_token)).toEqual({
      kind: 'transient',
      reason: 'token endpoint answered 401 invalid_client',
    });
  });

  it('reports server errors, timeouts and an unreachable endpoint as transient, naming no secret', async () => {
    const grant = sim.edge.issueToken();
    const r = createClioTokenRefresher({ ...APP, origins: { us: sim.origin('us') }, timeoutMs: 100 });
    sim.edge.faults.add({ kind: 'server_error', status: 502, path: '/oauth/token', count: 1 }, sim.clock.now());
    expect(await r.refresh('us', grant.refresh_token)).toEqual({
      kind: 'transient',
      reason: 'token endpoint answered 502',
    });
    sim.edge.faults.add({ kind: 'slow', delayMs: 1_500, path: '/oauth/token', count: 1 }, sim.clock.now());
    expect(await r.refresh('us', grant.refresh_token)).toEqual({
      kind: 'transient',
      reason: 'token endpoint unreachable (UND_ERR_HEADERS_TIMEOUT)',
    });
    const dead = createClioTokenRefresher({ ...APP, origins: { us: `http://127.0.0.1:${await closedPort()}` } });
    expect(await dead.refresh('us', grant.refresh_token)).toEqual({
      kind: 'transient',
      reason: 'token endpoint unreachable (ECONNREFUSED)',
    });
  });

  it('reads credentials and per-region origins from the environment', () => {
    const o = clioTokenRefresherOptionsFromEnv({
      CLIO_CLIENT_ID: 'i',
      CLIO_CLIENT_SECRET: 's',
      CLIO_OAUTH_ORIGIN_AU: 'http://127.0.0.1:1',
    });
    expect(o).toEqual({ clientId: 'i', clientSecret: 's', origins: { au: 'http://127.0.0.1:1' } });
    expect(() => clioTokenRefresherOptionsFromEnv({})).toThrow('CLIO_CLIENT_ID and CLIO_CLIENT_SECRET must be set');
  });
});
