import { ManualClock } from '../clock';
import { createSimulator, type Simulator } from '../simulator';
import { SimulatorControl, SimulatorControlError } from './simulator-control';

const T0 = Date.UTC(2025, 0, 4, 12);

describe('control API (in-process simulator)', () => {
  let sim: Simulator;
  let control: SimulatorControl;

  beforeAll(async () => {
    sim = await createSimulator({
      empty: true,
      clock: new ManualClock(T0),
      rateLimit: { limit: 2 },
      controlKey: 'k3y',
      webhooks: { pollIntervalMs: 0 },
    });
    control = new SimulatorControl(sim.controlUrl, 'k3y');
  });
  afterAll(() => sim.close());
  beforeEach(() => control.reset());

  const list = (token: string) =>
    fetch(`${sim.baseUrl()}/webhooks.json`, { headers: { authorization: `Bearer ${token}` } });

  it('refuses requests without the control key', async () => {
    await expect(new SimulatorControl(sim.controlUrl).health()).rejects.toMatchObject({ status: 401 });
    expect(await control.health()).toMatchObject({ ok: true, regions: ['us'], now: T0 });
  });

  it('sets and advances the manual clock', async () => {
    expect(await control.setClock('2025-02-01T00:00:00Z')).toMatchObject({ now: Date.UTC(2025, 1, 1), manual: true });
    expect((await control.advanceClock(1500)).now).toBe(Date.UTC(2025, 1, 1) + 1500);
    expect(sim.clock.now()).toBe(Date.UTC(2025, 1, 1) + 1500);
    await expect(control.advanceClock(-1)).rejects.toBeInstanceOf(SimulatorControlError);
  });

  it("serves the control clock as Clio's Date on every response, errors included", async () => {
    await control.setClock('2025-03-01T08:00:00Z');
    const { access_token: token } = await control.issueToken();
    const ok = await list(token);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('date')).toBe('Sat, 01 Mar 2025 08:00:00 GMT');
    await control.advanceClock(90_000);
    const denied = await list('not-a-token');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('date')).toBe('Sat, 01 Mar 2025 08:01:30 GMT');
  });

  it('logs requests without tokens and counts them per token fingerprint', async () => {
    const { access_token: token } = await control.issueToken();
    for (let i = 0; i < 3; i++) await list(token);
    expect(await control.requestCount(token)).toMatchObject({ requests: 3, byStatus: { 200: 2, 429: 1 } });
    const { entries } = await control.requests();
    expect(entries.map((e) => [e.path, e.status])).toEqual([
      ['/api/v4/webhooks.json', 200],
      ['/api/v4/webhooks.json', 200],
      ['/api/v4/webhooks.json', 429],
    ]);
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('issues and revokes tokens, changes limits at run time and resets everything', async () => {
    const { access_token: token } = await control.issueToken({ ttlSeconds: 60 });
    await control.setRateLimit({ limit: 10 });
    expect((await list(token)).headers.get('x-ratelimit-limit')).toBe('10');
    expect(await control.revokeToken(token)).toEqual({ revoked: true });
    expect((await list(token)).status).toBe(401);
    await control.addFault({ kind: 'slow', delayMs: 1 });
    await control.reset();
    expect(await control.faults()).toEqual([]);
    expect(await control.rateLimit()).toMatchObject({ limit: 2, enabled: true });
    expect((await control.requests()).entries).toEqual([]);
  });

  it('serves ground truth from the store', async () => {
    const truth = await control.groundTruth();
    expect(truth).toEqual(sim.store.groundTruth());
  });

  it('registers an app from a validated body and keeps only the fields of an app', async () => {
    const app = {
      clientId: 'c1',
      clientSecret: 's1',
      name: 'One',
      redirectUris: ['http://127.0.0.1/cb'],
      requestsPerSecond: 3,
    };
    expect(await control.registerApp({ ...app, shoeSize: 44 } as never)).toEqual({ regions: ['us'] });
    expect((await control.apps()).apps.us.find((a) => a.clientId === 'c1')).toEqual({ ...app, region: 'us' });
    await control.registerApp({ clientId: 'c2', clientSecret: 's2', redirectUris: [] } as never);
    expect((await control.apps()).apps.us.find((a) => a.clientId === 'c2')?.name).toBe('c2');
  });

  it.each([
    [{ clientSecret: 's', redirectUris: [] }, 'clientId, clientSecret and redirectUris are required'],
    [
      { clientId: 'c', clientSecret: 's', redirectUris: 'http://x' },
      'clientId, clientSecret and redirectUris are required',
    ],
    [{ clientId: 'c', clientSecret: 's', redirectUris: [1] }, 'redirectUris must be non-empty strings'],
    [{ clientId: 'c', clientSecret: 's', redirectUris: [], region: 7 }, 'region must be a non-empty string'],
    [
      { clientId: 'c', clientSecret: 's', redirectUris: [], requestsPerSecond: 0 },
      'requestsPerSecond must be a positive number',
    ],
  ])('refuses the app %j', async (body, message) => {
    await expect(control.registerApp(body as never)).rejects.toMatchObject({ status: 400, message });
  });

  it('refuses a data reset when the simulator cannot rebuild its firm', async () => {
    await expect(control.reset({ data: true })).rejects.toMatchObject({ status: 409 });
  });
});
