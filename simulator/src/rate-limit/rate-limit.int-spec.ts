import { ManualClock } from '../clock';
import { createSimulator, type Simulator } from '../simulator';

const SATURDAY_NOON = Date.UTC(2025, 0, 4, 12, 0, 10);

describe('rate limits (in-process simulator)', () => {
  let sim: Simulator;
  let clock: ManualClock;

  beforeAll(async () => {
    clock = new ManualClock(SATURDAY_NOON);
    sim = await createSimulator({ empty: true, clock, rateLimit: { limit: 3 } });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await sim.edge.reset();
    clock.set(SATURDAY_NOON);
  });

  const get = (token: string) =>
    fetch(`${sim.baseUrl()}/webhooks.json`, { headers: { authorization: `Bearer ${token}` } });

  it('puts X-RateLimit headers on every response and answers 429 with Retry-After past the limit', async () => {
    const { access_token: token } = sim.edge.issueToken();
    const reset = String(Date.UTC(2025, 0, 4, 12, 1) / 1000);
    for (const remaining of ['2', '1', '0']) {
      const res = await get(token);
      expect(res.status).toBe(200);
      expect([
        res.headers.get('x-ratelimit-limit'),
        res.headers.get('x-ratelimit-remaining'),
        res.headers.get('x-ratelimit-reset'),
      ]).toEqual(['3', remaining, reset]);
    }
    const refused = await get(token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('50');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await refused.json()).toEqual({
      error: { type: 'RateLimited', message: 'Rate limit exceeded. Retry after 50 seconds.' },
    });
  });

  it('opens a new window when the clock reaches X-RateLimit-Reset', async () => {
    const { access_token: token } = sim.edge.issueToken();
    for (let i = 0; i < 3; i++) await get(token);
    expect((await get(token)).status).toBe(429);
    clock.advance(49_999);
    expect((await get(token)).status).toBe(429);
    clock.advance(1);
    const res = await get(token);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('counts each token separately, and a per-app limit across them', async () => {
    const a = sim.edge.issueToken().access_token;
    const b = sim.edge.issueToken().access_token;
    for (let i = 0; i < 3; i++) await get(a);
    expect((await get(a)).status).toBe(429);
    expect((await get(b)).status).toBe(200);

    sim.edge.rateLimits.configure({ limit: 50, perAppPerSecond: 2 });
    clock.advance(60_000);
    expect((await get(a)).status).toBe(200);
    expect((await get(b)).status).toBe(200);
    const refused = await get(a);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    clock.advance(1000);
    expect((await get(b)).status).toBe(200);
  });

  it("uses the off-peak limit outside the region's peak hours", async () => {
    sim.edge.rateLimits.configure({ limit: 3, offPeakLimit: 300 });
    const res = await get(sim.edge.issueToken().access_token);
    expect(res.headers.get('x-ratelimit-limit')).toBe('300');
    clock.set(Date.UTC(2025, 0, 6, 20)); // Monday 12:00 Pacific
    expect((await get(sim.edge.issueToken().access_token)).headers.get('x-ratelimit-limit')).toBe('3');
  });

  it('can be switched off', async () => {
    sim.edge.rateLimits.configure({ enabled: false });
    const res = await get(sim.edge.issueToken().access_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });
});
