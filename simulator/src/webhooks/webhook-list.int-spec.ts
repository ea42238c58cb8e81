import { ManualClock } from '../clock';
import { createSimulator, type Simulator } from '../simulator';
import { startTestReceiver, echoHandshake, type TestReceiver } from './test-receiver';

const T0 = Date.UTC(2025, 0, 4, 12);

describe('GET /webhooks.json: cursor pages and updated_since (Clio OpenAPI parameters)', () => {
  let sim: Simulator;
  let clock: ManualClock;
  let receiver: TestReceiver;
  let token: string;

  beforeAll(async () => {
    receiver = await startTestReceiver();
    receiver.respondWith(echoHandshake);
    clock = new ManualClock(T0);
    sim = await createSimulator({ empty: true, clock, rateLimit: false, webhooks: { pollIntervalMs: 0 } });
    token = sim.edge.issueToken().access_token;
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  const get = async (url: string) => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: res.status,
      body: (await res.json()) as { data: Array<{ id: number }>; meta: { paging: { next?: string } } },
    };
  };

  it('pages with limit and page_token in either order, and filters by updated_since', async () => {
    for (const [i, model] of ['matter', 'contact', 'task'].entries()) {
      clock.set(T0 + i * 60_000);
      const res = await fetch(`${sim.baseUrl()}/webhooks.json`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { url: `${receiver.origin}/hook`, model, fields: 'id,etag' } }),
      });
      expect(res.status).toBe(201);
    }
    const first = await get(`${sim.baseUrl()}/webhooks.json?limit=2`);
    expect(first.body.data.map((h) => h.id)).toEqual([1, 2]);
    const second = await get(first.body.meta.paging.next!);
    expect([second.body.data.map((h) => h.id), second.body.meta.paging.next]).toEqual([[3], undefined]);
    const desc = await get(`${sim.baseUrl()}/webhooks.json?limit=2&order=id(desc)`);
    expect((await get(desc.body.meta.paging.next!)).body.data.map((h) => h.id)).toEqual([1]);
    const since = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    const created = await get(`${sim.baseUrl()}/webhooks.json?created_since=${since(T0 + 60_000)}`);
    expect(created.body.data.map((h) => h.id)).toEqual([2, 3]);
    const updated = await get(`${sim.baseUrl()}/webhooks.json?updated_since=${since(T0 + 3_600_000)}`);
    expect(updated.body.data).toEqual([]);
    expect((await get(`${sim.baseUrl()}/webhooks.json?order=name(asc)`)).status).toBe(400);
  });
});
