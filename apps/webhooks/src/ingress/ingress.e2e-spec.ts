import { randomUUID } from 'node:crypto';
import { EventTypes, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { waitFor } from '@sf/testing';
import { WebhooksHarness } from '../testing/webhooks-harness';
import { liveSubscriptions, type Subscription } from '../registration/subscription-repository';
import { openSecret } from '../registration/subscription-secret';
import { signBody } from './signature';
import type { FirmIngressCounts } from './ingress-counters';
import { ingressUrlOf } from '../registration/firm-registrar';

// The public ingress against hostile and repeated input: only a delivery signed with the subscription's secret and
// naming its webhook reaches the log, once; everything else is a 4xx naming the problem, and nothing is written.

describe('webhook ingress (HTTP, real Postgres)', () => {
  let h: WebhooksHarness;
  let sub: Subscription;
  let secret: string;
  let base: FirmIngressCounts;

  beforeAll(async () => {
    h = await WebhooksHarness.start();
    await h.startService({ roles: ['ingress', 'registrar'] });
    const firm = h.firms[0]!;
    await h.registered();
    // The registrar stores a webhook before it confirms a pending one in Clio.
    await waitFor(
      () => firm.sim.edge.webhooks.registry.list(),
      (hooks) => hooks.length === 7 && hooks.every((x) => x.status === 'enabled'),
      { timeoutMs: 60_000, description: 'seven enabled webhooks in Clio' },
    );
    sub = (await liveSubscriptions(h.db, firm.firmId)).find((s) => s.model === 'matter')!;
    secret = openSecret(h.keyring, sub.subscriptionId, sub.sealedSecret!)!;
    // Clio's handshakes usually arrive before the registrar has stored the secret: those are refused (409) and the
    // registrar confirms with PUT /webhooks/{id}/activate.
    base = h.services[0]!.counters.firm(firm.firmId);
  }, 120_000);
  afterAll(() => h.close());

  const inbox = async () => readStream(h.t.db, streamIds.webhookInbox(h.firms[0]!.firmId));
  const post = (body: string | Buffer, headers: Record<string, string>, id = sub.subscriptionId) =>
    fetch(ingressUrlOf(h.publicUrl, id), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const payload = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      data: { id: 424242, etag: `"${randomUUID()}"`, updated_at: '2026-12-01T00:00:00+00:00' },
      meta: { event: 'updated', webhook_id: Number(sub.clioWebhookId) },
      ...over,
    });

  it('registered every model with Clio, which completed the handshake with the ingress', async () => {
    const hooks = h.firms[0]!.sim.edge.webhooks.registry.list();
    expect(hooks.map((x) => x.model).sort()).toEqual([
      'activity',
      'calendar_entry',
      'contact',
      'document',
      'folder',
      'matter',
      'task',
    ]);
    expect(hooks.every((x) => x.status === 'enabled')).toBe(true);
    const res = await post('{"webhook_id":1}', { 'x-hook-secret': secret });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-hook-secret')).toBe(secret);
  });

  it('records a signed delivery once; a redelivery is deduped', async () => {
    const before = (await inbox()).length;
    const body = payload();
    const first = await post(body, { 'x-hook-signature': signBody(secret, body) });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ recorded: true, duplicate: false });
    const again = await post(body, { 'x-hook-signature': signBody(secret, body) });
    expect(await again.json()).toEqual({ recorded: true, duplicate: true });
    const events = (await inbox()).slice(before);
    expect(events.map((e) => e.type)).toEqual([EventTypes.ClioWebhookReceived]);
    expect(events[0]!.data).toMatchObject({ entityType: 'matters', event: 'updated', records: [{ id: 424242 }] });
  });

  it.each([
    [
      'a forged signature',
      () => ({ body: payload(), headers: { 'x-hook-signature': signBody('not-the-secret', payload()) } }),
      401,
      'X-Hook-Signature',
    ],
    ['no signature', () => ({ body: payload(), headers: {} }), 401, 'X-Hook-Signature'],
    ['a wrong handshake secret', () => ({ body: '{}', headers: { 'x-hook-secret': 'guess' } }), 409, 'X-Hook-Secret'],
  ])('refuses %s and writes nothing', async (_name, make, status, names) => {
    const before = (await inbox()).length;
    const { body, headers } = make();
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { message: string }).message).toContain(names);
    expect((await inbox()).length).toBe(before);
  });

  it('refuses a signed delivery naming another webhook, a malformed one, an unknown subscription and 5 MB', async () => {
    const before = (await inbox()).length;
    const other = payload({ meta: { event: 'updated', webhook_id: 999999 } });
    const r1 = await post(other, { 'x-hook-signature': signBody(secret, other) });
    expect(r1.status).toBe(403);
    expect(((await r1.json()) as { message: string }).message).toContain('meta.webhook_id');

    const bad = JSON.stringify({ data: { etag: 'x' }, meta: { event: 'updated', webhook_id: 1 } });
    const r2 = await post(bad, { 'x-hook-signature': signBody(secret, bad) });
    expect(r2.status).toBe(400);
    expect(((await r2.json()) as { message: string }).message).toContain('data.id');

    const notJson = '{"data":';
    const r3 = await post(notJson, { 'x-hook-signature': signBody(secret, notJson) });
    expect(r3.status).toBe(400);

    const body = payload();
    const r4 = await post(body, { 'x-hook-signature': signBody(secret, body) }, randomUUID());
    expect(r4.status).toBe(404);
    expect(((await r4.json()) as { message: string }).message).toContain('subscriptionId');

    const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const r5 = await post(huge, { 'x-hook-signature': signBody(secret, huge) });
    expect(r5.status).toBe(413);

    expect((await inbox()).length).toBe(before);
    const counts = h.services[0]!.counters.firm(h.firms[0]!.firmId);
    expect(counts.rejectedBy).toMatchObject({
      forged: 2,
      handshake: (base.rejectedBy.handshake ?? 0) + 1,
      wrong_webhook: 1,
      malformed: 1,
    });
    expect(counts.verified).toBe(2);
    expect(counts.deduped).toBe(1);

    // And it keeps serving.
    const ok = payload();
    expect((await post(ok, { 'x-hook-signature': signBody(secret, ok) })).status).toBe(200);
  });
});
