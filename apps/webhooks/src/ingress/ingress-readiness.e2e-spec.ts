import { randomUUID } from 'node:crypto';
import { streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { freePort, startOwnNatsServer, waitFor, type OwnNatsServer } from '@sf/testing';
import { WebhooksHarness } from '../testing/webhooks-harness';
import { liveSubscriptions, type Subscription } from '../registration/subscription-repository';
import { openSecret } from '../registration/subscription-secret';
import type { WebhooksService } from '../start-webhooks';
import { postDelivery } from '../testing/post-delivery';

jest.setTimeout(120_000);

interface Ready {
  status: number;
  checks: Record<string, string>;
}

// Recording a delivery needs Postgres alone, so the ingress stays ready (and records) while NATS is down; a process
// without the ingress, whose loops need NATS, is not ready meanwhile. The NATS server is the test's own: it is
// killed and restarted here (never the shared one).
describe('webhook ingress readiness without NATS (real Postgres, own nats-server)', () => {
  let h: WebhooksHarness;
  let nats: OwnNatsServer;
  let ingress: WebhooksService;
  let applier: WebhooksService;
  let sub: Subscription;
  let secret: string;

  beforeAll(async () => {
    h = await WebhooksHarness.start();
    // Registration needs Clio tokens (NATS): a registrar on the shared server stores the subscriptions.
    await h.startService({ roles: ['ingress', 'registrar'] });
    const firm = h.firms[0]!;
    await h.registered();
    sub = (await liveSubscriptions(h.db, firm.firmId)).find((s) => s.model === 'task')!;
    secret = openSecret(h.keyring, sub.subscriptionId, sub.sealedSecret!)!;
    nats = await startOwnNatsServer();
    ingress = await h.startService({ roles: ['ingress'], natsUrl: nats.url, port: await freePort() });
    applier = await h.startService({ roles: ['applier'], natsUrl: nats.url, port: await freePort() });
  }, 120_000);
  afterAll(async () => {
    // Services drain their NATS connections on close: the server runs again by then.
    await nats?.start();
    await h?.close();
    await nats?.dispose();
  });

  const ready = async (s: WebhooksService): Promise<Ready> => {
    const res = await fetch(`${s.url}/health/ready`);
    const body = (await res.json()) as { checks: Record<string, string> };
    return { status: res.status, checks: body.checks };
  };
  const natsIs = (state: string) => (r: Ready) => r.checks['nats'] === state;

  it('stays ready and records deliveries while NATS is down; the applier is not ready meanwhile', async () => {
    expect(await ready(ingress)).toEqual({ status: 200, checks: { postgres: 'ok', nats: 'ok' } });
    expect((await ready(applier)).status).toBe(200);

    await nats.kill();
    const down = await waitFor(() => ready(ingress), natsIs('down'), {
      timeoutMs: 30_000,
      description: 'the ingress sees NATS down',
    });
    expect(down).toEqual({ status: 200, checks: { postgres: 'ok', nats: 'down' } });
    const applierDown = await waitFor(() => ready(applier), natsIs('down'), {
      timeoutMs: 30_000,
      description: 'the applier sees NATS down',
    });
    expect(applierDown.status).toBe(503);

    const res = await postDelivery(ingress.url, sub, secret, {
      id: 515151,
      etag: `"${randomUUID()}"`,
      updated_at: '2026-12-01T00:00:00+00:00',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recorded: true, duplicate: false });
    const inbox = await readStream(h.t.db, streamIds.webhookInbox(h.firms[0]!.firmId));
    expect(inbox.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ records: [expect.objectContaining({ id: 515151 })] }),
    );

    await nats.start();
    await waitFor(
      () => ready(applier),
      (r) => r.status === 200,
      {
        timeoutMs: 60_000,
        description: 'the applier ready again once NATS is back',
      },
    );
    // Each process reconnects on its own schedule: the applier being back says nothing of the ingress's connection.
    const back = await waitFor(() => ready(ingress), natsIs('ok'), {
      timeoutMs: 60_000,
      description: 'the ingress sees NATS back',
    });
    expect(back).toEqual({ status: 200, checks: { postgres: 'ok', nats: 'ok' } });
  });
});
