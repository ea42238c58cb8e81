import { RECIPES } from '../activity/recipes';
import { ManualClock } from '../clock';
import { seededRandom } from '../control/seeded-random';
import { createSimulator, type Simulator } from '../simulator';
import { startTestReceiver, echoHandshake, type TestReceiver } from './test-receiver';

const T0 = Date.UTC(2025, 0, 4, 12);

describe('webhook delivery chaos and suspension (in-process simulator)', () => {
  let sim: Simulator;
  let clock: ManualClock;
  let receiver: TestReceiver;
  const rng = seededRandom(9);

  beforeAll(async () => {
    receiver = await startTestReceiver();
    clock = new ManualClock(T0);
    sim = await createSimulator({
      empty: true,
      clock,
      rateLimit: false,
      webhooks: { pollIntervalMs: 0, retry: { baseDelayMs: 1000, maxRetries: 1 } },
    });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await sim.edge.reset();
    clock.set(T0);
    receiver.requests.length = 0;
    receiver.respondWith(echoHandshake);
  });

  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.controlUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const hook = async () => {
    const r = sim.edge.webhooks.create(
      { data: { url: `${receiver.origin}/hook`, model: 'matter', fields: 'id,etag,updated_at' } },
      { userId: 1, clientId: '', region: 'us' },
    );
    if (!r.ok) throw new Error(r.message);
    await sim.edge.settle();
    return r.record.id;
  };
  const newMatters = (n: number) => {
    for (let i = 0; i < n; i++) {
      const data = RECIPES.matters.create?.({ rng, store: sim.store, now: clock.now() });
      if (!data) throw new Error('no matter recipe');
      sim.store.create('matters', data);
    }
  };
  const deliveries = () => receiver.requests.filter((r) => !r.headers['x-hook-secret']);

  it('drops a share of deliveries for good and says how many', async () => {
    await hook();
    expect((await control('PUT', '/webhooks/chaos', { dropShare: 0.5 })).status).toBe(200);
    newMatters(40);
    await sim.edge.settle();
    const { counts } = (await control('GET', '/webhooks/chaos')).body as { counts: { dropped: number } };
    expect(counts.dropped).toBeGreaterThan(5);
    expect(counts.dropped).toBeLessThan(35);
    expect(deliveries()).toHaveLength(40 - counts.dropped);
  });

  it('delays and duplicates deliveries so they arrive out of order, on the simulator clock', async () => {
    await hook();
    await control('PUT', '/webhooks/chaos', { delayShare: 0.3, duplicateShare: 0.3, delayMs: 60_000 });
    newMatters(30);
    await sim.edge.settle();
    const before = deliveries().length;
    const { counts } = (await control('GET', '/webhooks/chaos')).body as {
      counts: { delayed: number; duplicated: number };
    };
    expect(counts.delayed + counts.duplicated).toBeGreaterThan(0);
    expect(before).toBe(30 - counts.delayed);
    clock.advance(60_000);
    await sim.edge.settle();
    const ids = deliveries().map((d) => (JSON.parse(d.body) as { data: { id: number } }).data.id);
    expect(ids).toHaveLength(30 + counts.duplicated);
    expect(new Set(ids).size).toBe(30);
    expect(ids).not.toEqual([...ids].sort((a, b) => a - b));
  });

  it('refuses a share outside [0, 1], naming it', async () => {
    const r = await control('PUT', '/webhooks/chaos', { dropShare: 2 });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('dropShare');
  });

  it('suspends a webhook whose delivery failed every retry, and on the control API', async () => {
    const id = await hook();
    receiver.respondWith(() => ({ status: 500 }));
    newMatters(1);
    await sim.edge.settle();
    clock.advance(1000);
    await sim.edge.settle();
    expect(sim.edge.webhooks.registry.get(id)?.status).toBe('suspended');

    receiver.respondWith(echoHandshake);
    const other = await hook();
    expect((await control('POST', `/webhooks/${other}/suspend`)).body).toEqual({ id: other, status: 'suspended' });
    newMatters(1);
    await sim.edge.settle();
    expect(deliveries().filter((d) => d.body.includes(`"webhook_id":${other}`))).toHaveLength(0);
  });
});
