import { RECIPES } from '../activity/recipes';
import { ManualClock } from '../clock';
import { seededRandom } from '../control/seeded-random';
import { createSimulator, type Simulator } from '../simulator';
import { startTestReceiver, echoHandshake, type TestReceiver } from './test-receiver';

const T0 = Date.UTC(2025, 0, 4, 12);

interface Delivered {
  data: Record<string, unknown>;
  meta: { event: string; webhook_id: number };
}

/**
 * A webhook belongs to the user who created it, and Clio tells it only what that user may see: deliveries follow
 * the user's Contacts Visibility (hidden: none; redacted: the id), nested contacts and activity amounts are
 * redacted as the user's listings show them, and a resource the user may not read sends nothing.
 */
describe('webhook deliveries carry what the webhook user may see', () => {
  let sim: Simulator;
  let receiver: TestReceiver;
  const rng = seededRandom(11);
  let restricted: { token: string; userId: number };
  let other: { token: string; userId: number };

  beforeAll(async () => {
    receiver = await startTestReceiver();
    sim = await createSimulator({
      empty: true,
      clock: new ManualClock(T0),
      rateLimit: false,
      webhooks: { pollIntervalMs: 0 },
    });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await sim.edge.reset();
    receiver.requests.length = 0;
    receiver.respondWith(echoHandshake);
    const a = sim.edge.issueToken();
    restricted = { token: a.access_token, userId: a.user_id };
    const b = sim.edge.issueToken({ userId: a.user_id + 1 });
    other = { token: b.access_token, userId: b.user_id };
  });

  const subscribe = async (as: { token: string }, model: string, fields: string): Promise<number> => {
    const res = await fetch(`${sim.baseUrl()}/webhooks.json?fields=id`, {
      method: 'POST',
      headers: { authorization: `Bearer ${as.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { url: `${receiver.origin}/hook`, model, fields, events: ['created'] } }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { data: { id: number } }).data.id;
  };
  const delivered = async (webhookId: number): Promise<Array<Record<string, unknown>>> => {
    await sim.edge.settle();
    return receiver.requests
      .filter((r) => !r.headers['x-hook-secret'])
      .map((r) => JSON.parse(r.body) as Delivered)
      .filter((d) => d.meta.webhook_id === webhookId)
      .map((d) => d.data);
  };
  const newContact = () => {
    const data = RECIPES.contacts.create?.({ rng, store: sim.store, now: T0 });
    if (!data) throw new Error('no contact recipe');
    return sim.store.create('contacts', data);
  };

  it("hidden contacts are not announced, redacted ones carry only their id; another user's webhook gets every contact in full", async () => {
    const mine = await subscribe(restricted, 'contact', 'id,name');
    const theirs = await subscribe(other, 'contact', 'id,name');
    await sim.edge.settle();
    sim.edge.access.configure({
      users: { [restricted.userId]: { contactsVisibility: { hideEvery: 3, redactEvery: 2 } } },
    });
    const contacts = Array.from({ length: 6 }, () => newContact());

    const expected = contacts.flatMap((c): Array<Record<string, unknown>> =>
      c.id % 3 === 0 ? [] : c.id % 2 === 0 ? [{ id: c.id, redacted: true }] : [{ id: c.id, name: c.name }],
    );
    expect(expected.some((d) => 'redacted' in d) && expected.length < contacts.length).toBe(true);
    expect(await delivered(mine)).toEqual(expected);
    expect(await delivered(theirs)).toEqual(contacts.map((c) => ({ id: c.id, name: c.name })));
  });

  it("a matter's client the user may not see is redacted in the payload, as in the matter listing", async () => {
    const [visible, hidden] = [newContact(), newContact()];
    const hook = await subscribe(restricted, 'matter', 'id,client{id,name}');
    await sim.edge.settle();
    sim.edge.access.configure({ users: { [restricted.userId]: { contactsVisibility: { hiddenIds: [hidden.id] } } } });
    const matterOf = (clientId: number) => {
      const data = RECIPES.matters.create?.({ rng, store: sim.store, now: T0 });
      if (!data) throw new Error('no matter recipe');
      return sim.store.create('matters', { ...data, client_id: clientId });
    };
    const [m1, m2] = [matterOf(visible.id), matterOf(hidden.id)];
    expect(await delivered(hook)).toEqual([
      { id: m1.id, client: { id: visible.id, name: visible.name } },
      { id: m2.id, client: { id: hidden.id, redacted: true } },
    ]);
  });

  it("activity amounts follow the webhook user's rate visibility, and a resource the user may not read sends nothing", async () => {
    const activities = await subscribe(restricted, 'activity', 'id,price');
    const matters = await subscribe(restricted, 'matter', 'id');
    await sim.edge.settle();
    sim.edge.access.configure({
      users: { [restricted.userId]: { forbidden: ['matters'], activityVisibility: { rate: 'none', hours: 'full' } } },
    });
    const data = RECIPES.activities.create?.({ rng, store: sim.store, now: T0 });
    if (!data) throw new Error('no activity recipe');
    const a = sim.store.create('activities', { ...data, type: 'TimeEntry', matter_id: null });
    const m = RECIPES.matters.create?.({ rng, store: sim.store, now: T0 });
    if (!m) throw new Error('no matter recipe');
    sim.store.create('matters', m);
    expect(await delivered(activities)).toEqual([{ id: a.id, redacted: true }]);
    expect(await delivered(matters)).toEqual([]);
  });
});
