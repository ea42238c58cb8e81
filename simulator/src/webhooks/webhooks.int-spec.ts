import { waitFor } from '@sf/testing';
import { RECIPES } from '../activity/recipes';
import { ManualClock } from '../clock';
import { seededRandom } from '../control/seeded-random';
import { createSimulator, type Simulator } from '../simulator';
import { verifySignature } from './signature';
import { startTestReceiver, echoHandshake, type TestReceiver } from './test-receiver';

const T0 = Date.UTC(2025, 0, 4, 12);

describe('webhooks (in-process simulator)', () => {
  let sim: Simulator;
  let clock: ManualClock;
  let receiver: TestReceiver;
  let token: string;
  const rng = seededRandom(5);

  beforeAll(async () => {
    receiver = await startTestReceiver();
    clock = new ManualClock(T0);
    sim = await createSimulator({ empty: true, clock, rateLimit: false, webhooks: { pollIntervalMs: 0 } });
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
    token = sim.edge.issueToken().access_token;
  });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${sim.baseUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as { data: Record<string, unknown> } };
  };
  const create = (data: Record<string, unknown>) =>
    call('POST', '/webhooks.json?fields=id,etag,status,shared_secret,events,expires_at', {
      data: { url: `${receiver.origin}/hook`, ...data },
    });
  const newMatter = () => {
    const data = RECIPES.matters.create?.({ rng, store: sim.store, now: clock.now() });
    if (!data) throw new Error('no matter recipe');
    return sim.store.create('matters', data);
  };
  const deliveries = () => receiver.requests.filter((r) => !r.headers['x-hook-secret']);

  it('enables a webhook when the receiver echoes X-Hook-Secret, and signs deliveries', async () => {
    const created = await create({ model: 'matter', fields: 'id,etag,description', events: ['created'] });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      status: 'pending',
      events: ['created'],
      expires_at: '2025-01-07T12:00:00+00:00',
    });
    await sim.edge.settle();
    const handshake = receiver.requests[0];
    expect(handshake.headers['x-hook-secret']).toBe(created.body.data.shared_secret);
    expect(JSON.parse(handshake.body)).toEqual({ webhook_id: created.body.data.id });
    expect((await call('GET', `/webhooks/${created.body.data.id}.json?fields=status`)).body.data.status).toBe(
      'enabled',
    );

    const matter = newMatter();
    await sim.edge.settle();
    const [d] = deliveries();
    expect(JSON.parse(d.body)).toEqual({
      data: { id: matter.id, etag: matter.etag, description: matter.description },
      meta: { event: 'created', webhook_id: created.body.data.id },
    });
    expect(
      verifySignature(String(created.body.data.shared_secret), d.body, String(d.headers['x-hook-signature'])),
    ).toBe(true);
  });

  it('stays pending without the echo until PUT /activate with the secret', async () => {
    receiver.respondWith(() => ({ status: 200 }));
    const { body } = await create({ model: 'matter', fields: 'id' });
    await sim.edge.settle();
    newMatter();
    await sim.edge.settle();
    expect(deliveries()).toHaveLength(0);
    expect(
      (await call('PUT', `/webhooks/${body.data.id}/activate`, undefined, { 'x-hook-secret': 'wrong' })).status,
    ).toBe(422);
    const ok = await call('PUT', `/webhooks/${body.data.id}/activate?fields=status`, undefined, {
      'x-hook-secret': String(body.data.shared_secret),
    });
    expect(ok.body.data.status).toBe('enabled');
  });

  it('fires updates on the first change of a record, then only for watched fields; matter status events too', async () => {
    const matter = newMatter();
    await create({ model: 'matter', fields: 'id,status', events: ['updated', 'matter_closed'] });
    await sim.edge.settle();
    sim.store.update('matters', matter.id, { description: 'first change' });
    sim.store.update('matters', matter.id, { description: 'not watched' });
    sim.store.update('matters', matter.id, { status: 'Closed' });
    await sim.edge.settle();
    const seen = deliveries().map((d) => JSON.parse(d.body) as { data: { status: string }; meta: { event: string } });
    expect(seen.map((p) => [p.meta.event, p.data.status])).toEqual([
      ['updated', 'Open'],
      ['updated', 'Closed'],
      ['matter_closed', 'Closed'],
    ]);
  });

  it('retries failures on the 2-minute doubling schedule and delivers once the receiver recovers', async () => {
    await create({ model: 'matter', fields: 'id', events: ['created'] });
    await sim.edge.settle();
    receiver.respondWith(() => ({ status: 500 }));
    newMatter();
    await sim.edge.settle();
    expect(deliveries()).toHaveLength(1);
    clock.advance(119_999);
    await sim.edge.afterClockChange();
    expect(deliveries()).toHaveLength(1);
    clock.advance(1);
    await sim.edge.afterClockChange();
    expect(deliveries()).toHaveLength(2);
    receiver.respondWith(() => ({ status: 204 }));
    clock.advance(4 * 60_000);
    await sim.edge.afterClockChange();
    expect(deliveries()).toHaveLength(3);
    expect(sim.edge.webhooks.dispatcher.attempts().map((a) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);
  });

  it('disables the webhook when the receiver answers 410', async () => {
    const { body } = await create({ model: 'matter', fields: 'id', events: ['created'] });
    await sim.edge.settle();
    receiver.respondWith(() => ({ status: 410 }));
    newMatter();
    await sim.edge.settle();
    newMatter();
    await sim.edge.settle();
    expect(deliveries()).toHaveLength(1);
    expect((await call('GET', `/webhooks/${body.data.id}.json?fields=status`)).body.data.status).toBe('suspended');
  });

  it('stops delivering after expires_at and caps expiry at 31 days', async () => {
    const { body } = await create({ model: 'matter', fields: 'id', events: ['created'] });
    await sim.edge.settle();
    clock.advance(3 * 86_400_000);
    newMatter();
    await sim.edge.settle();
    expect(deliveries()).toHaveLength(0);
    const tooFar = new Date(clock.now() + 32 * 86_400_000).toISOString();
    expect((await call('PATCH', `/webhooks/${body.data.id}.json`, { data: { expires_at: tooFar } })).status).toBe(422);
    const renewed = new Date(clock.now() + 31 * 86_400_000).toISOString();
    expect((await call('PATCH', `/webhooks/${body.data.id}.json`, { data: { expires_at: renewed } })).status).toBe(200);
    newMatter();
    await sim.edge.settle();
    expect(deliveries()).toHaveLength(1);
  });

  it('validates input and supports list, If-Match and delete', async () => {
    expect((await create({ model: 'matter' })).status).toBe(422);
    expect((await create({ model: 'matter', fields: 'id,not_a_field' })).status).toBe(422);
    expect(
      (await call('POST', '/webhooks.json', { data: { url: 'http://example.com/x', model: 'matter', fields: 'id' } }))
        .status,
    ).toBe(422);
    const { body } = await create({ model: 'activity', fields: 'id' });
    const list = await call('GET', '/webhooks.json?fields=id,model');
    expect(list.body).toEqual({ data: [{ id: body.data.id, model: 'activity' }], meta: { paging: {}, records: 1 } });
    expect(
      (
        await call(
          'PATCH',
          `/webhooks/${body.data.id}.json`,
          { data: { fields: 'id,etag' } },
          { 'if-match': '"stale"' },
        )
      ).status,
    ).toBe(412);
    expect((await call('DELETE', `/webhooks/${body.data.id}.json`)).status).toBe(204);
    expect((await call('GET', `/webhooks/${body.data.id}.json`)).status).toBe(404);
  });

  it('a new URL means a new secret and a new handshake before deliveries resume', async () => {
    const { body } = await create({ model: 'matter', fields: 'id', events: ['created'] });
    await sim.edge.settle();
    const patched = await call('PATCH', `/webhooks/${body.data.id}.json?fields=status,shared_secret`, {
      data: { url: `${receiver.origin}/moved` },
    });
    expect(patched.body.data.status).toBe('pending');
    expect(patched.body.data.shared_secret).not.toBe(body.data.shared_secret);
    await sim.edge.settle();
    const handshakes = receiver.requests.filter((r) => r.headers['x-hook-secret']);
    expect(handshakes.map((h) => [h.path, h.headers['x-hook-secret']])).toEqual([
      ['/hook', body.data.shared_secret],
      ['/moved', patched.body.data.shared_secret],
    ]);
    newMatter();
    await sim.edge.settle();
    expect(deliveries().map((d) => d.path)).toEqual(['/moved']);
  });

  it('a webhook_failure fault fails attempts without reaching the receiver', async () => {
    const { body } = await create({ model: 'matter', fields: 'id', events: ['created'] });
    await sim.edge.settle();
    sim.edge.faults.add({ kind: 'webhook_failure', webhookId: body.data.id, count: 1 }, clock.now());
    newMatter();
    await sim.edge.settle();
    expect(deliveries()).toHaveLength(0);
    expect(sim.edge.webhooks.dispatcher.attempts()).toMatchObject([{ outcome: 'failed', error: 'fault' }]);
    clock.advance(120_000);
    await sim.edge.afterClockChange();
    await waitFor(
      () => deliveries().length,
      (n) => n === 1,
    );
  });
});
