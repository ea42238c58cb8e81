// Ingress throughput: signed deliveries posted to the ingress (verified, appended, answered) per second, beside a raw
// append of the same events to the log in the same run, at the same concurrency.
import { randomUUID } from 'node:crypto';
import { EventTypes, StreamTypes, newEvent, streamIds, type NewEvent } from '@sf/contracts';
import { appendToStream } from '@sf/event-store';
import type { WebhooksHarness } from '../../apps/webhooks/src/testing/webhooks-harness';
import { ingressUrlOf } from '../../apps/webhooks/src/registration/firm-registrar';
import { liveSubscriptions } from '../../apps/webhooks/src/registration/subscription-repository';
import { openSecret } from '../../apps/webhooks/src/registration/subscription-secret';
import { signBody } from '../../apps/webhooks/src/ingress/signature';
import { bodySha256, deliveryEventId } from '../../apps/webhooks/src/ingress/delivery';

const pool = async <T>(items: readonly T[], concurrency: number, fn: (x: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
};

export const measureIngress = async (
  h: WebhooksHarness,
  o: { deliveries: number; concurrency: number },
): Promise<{ ingressPerS: number; rawPerS: number }> => {
  const firm = h.firms[0]!;
  const sub = (await liveSubscriptions(h.db, firm.firmId)).find((s) => s.model === 'task')!;
  const secret = openSecret(h.keyring, sub.subscriptionId, sub.sealedSecret!)!;
  const bodies = Array.from({ length: o.deliveries }, (_, i) =>
    JSON.stringify({
      data: { id: 900_000 + i, etag: `"${randomUUID()}"`, updated_at: new Date().toISOString() },
      meta: { event: 'updated', webhook_id: Number(sub.clioWebhookId) },
    }),
  );
  const url = ingressUrlOf(h.publicUrl, sub.subscriptionId);
  const t0 = performance.now();
  await pool(bodies, o.concurrency, async (body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hook-signature': signBody(secret, body) },
      body,
    });
    if (res.status !== 200) throw new Error(`ingress answered ${res.status}`);
    await res.arrayBuffer();
  });
  const ingressPerS = o.deliveries / ((performance.now() - t0) / 1000);

  // The same events, appended straight to the log (another firm's stream, so the two runs do not collide).
  const rawFirm = `${firm.firmId}_raw`;
  const events: NewEvent[] = bodies.map((body) => {
    const parsed = JSON.parse(body) as { data: Record<string, unknown> & { id: number } };
    const sha = bodySha256(Buffer.from(body));
    const e = newEvent({
      eventId: deliveryEventId(`${sub.subscriptionId}-raw`, sha),
      type: EventTypes.ClioWebhookReceived,
      data: {
        subscriptionId: sub.subscriptionId,
        clioWebhookId: sub.clioWebhookId!,
        entityType: 'tasks',
        event: 'updated',
        bodySha256: sha,
        records: [parsed.data],
      },
      metadata: {
        firmId: rawFirm,
        correlationId: randomUUID(),
        causationId: null,
        occurredAt: new Date().toISOString(),
      },
    });
    if (!e.ok) throw new Error(e.reason);
    return e.value;
  });
  const t1 = performance.now();
  await pool(events, o.concurrency, async (e) => {
    const r = await appendToStream(h.db, streamIds.webhookInbox(rawFirm), StreamTypes.webhookInbox, 'any', [e]);
    if (!r.ok) throw new Error(r.reason);
  });
  const rawPerS = o.deliveries / ((performance.now() - t1) / 1000);
  return { ingressPerS, rawPerS };
};
