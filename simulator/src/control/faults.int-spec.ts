import { request } from 'undici';
import { ManualClock } from '../clock';
import { createSimulator, type Simulator } from '../simulator';
import { SimulatorControl } from './simulator-control';

const T0 = Date.UTC(2025, 0, 4, 12);
const COUNTS = {
  users: 2,
  contacts: 4,
  matters: 5,
  calendar_entries: 1,
  tasks: 1,
  documents: 1,
  activities: 1,
  custom_fields_per_parent: 12,
  folders_per_matter: 0,
};

describe('fault injection (in-process simulator, driven through the control API)', () => {
  let sim: Simulator;
  let control: SimulatorControl;
  let token: string;

  beforeAll(async () => {
    sim = await createSimulator({
      seed: 2,
      counts: COUNTS,
      clock: new ManualClock(T0),
      rateLimit: false,
      webhooks: { pollIntervalMs: 0 },
    });
    control = new SimulatorControl(sim.controlUrl);
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await control.reset();
    token = (await control.issueToken()).access_token;
  });

  const list = (t = token) =>
    fetch(`${sim.baseUrl()}/matters.json?limit=2`, { headers: { authorization: `Bearer ${t}` } });

  it('rate_limit answers 429 with the planned Retry-After, count times', async () => {
    await control.addFault({ kind: 'rate_limit', count: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await list();
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe('RateLimited');
    }
    expect((await list()).status).toBe(200);
    expect((await control.faults())[0].fired).toBe(2);
  });

  it('server_error answers the planned status only on matching paths and for the duration', async () => {
    await control.addFault({ kind: 'server_error', status: 503, path: '/api/v4/matters*', durationMs: 60_000 });
    const res = await list();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { type: 'InternalServerError', message: 'Simulated server error' } });
    expect(
      (await fetch(`${sim.baseUrl()}/webhooks.json`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    await control.advanceClock(60_000);
    expect((await list()).status).toBe(200);
  });

  it('revoked_token answers 401 invalid_token for one token only', async () => {
    const other = (await control.issueToken()).access_token;
    await control.addFault({ kind: 'revoked_token', token });
    expect((await list()).status).toBe(401);
    expect((await list(other)).status).toBe(200);
  });

  it('slow adds real latency; timeout drops the connection', async () => {
    await control.addFault({ kind: 'slow', delayMs: 150, count: 1 });
    const started = performance.now();
    expect((await list()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    await control.addFault({ kind: 'timeout', delayMs: 100, count: 1 });
    await expect(list()).rejects.toThrow();
    await control.addFault({ kind: 'timeout', delayMs: 5_000, count: 1 });
    await expect(
      request(`${sim.baseUrl()}/webhooks.json`, { headers: { authorization: `Bearer ${token}` }, headersTimeout: 200 }),
    ).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  });

  it('malformed_json serves a cut body that does not parse', async () => {
    await control.addFault({ kind: 'malformed_json', count: 1 });
    const res = await list();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('truncated_page drops records but keeps meta and the next link', async () => {
    await control.addFault({ kind: 'truncated_page', keep: 1, count: 1 });
    type Page = { data: { id: number }[]; meta: { paging: { next?: string }; records: number } };
    const cut = (await (await list()).json()) as Page;
    expect(cut.data.map((r) => r.id)).toEqual([1]);
    expect(cut.meta).toMatchObject({ records: 5, paging: { next: expect.stringContaining('page_token=') } });
    expect(((await (await list()).json()) as Page).data).toHaveLength(2);
  });

  it('probabilistic faults replay identically after a reset (seeded)', async () => {
    const run = async () => {
      await control.reset();
      const t = (await control.issueToken()).access_token;
      await control.addFault({ kind: 'server_error', probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await list(t)).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('never touches the control API and rejects invalid plans', async () => {
    await control.addFault({ kind: 'server_error', path: '*' });
    expect((await control.health()).ok).toBe(true);
    await expect(control.addFault({ kind: 'nope' as never })).rejects.toMatchObject({ status: 422 });
  });
});
