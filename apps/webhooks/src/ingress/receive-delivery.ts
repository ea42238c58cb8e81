import { bodySha256, parseDelivery } from './delivery';
import type { InboxBatcher } from './inbox-batcher';
import type { IngressCounters } from './ingress-counters';
import { recordDelivery } from './record-delivery';
import { secretsEqual, signatureMatches } from './signature';
import type { SubscriptionCache } from './subscription-cache';

export interface IngressDeps {
  inbox: InboxBatcher;
  subscriptions: SubscriptionCache;
  counters: IngressCounters;
  clock: () => Date;
}

export interface IncomingDelivery {
  subscriptionId: string;
  secretHeader: string | undefined;
  signatureHeader: string | undefined;
  raw: Buffer;
  body: Record<string, unknown>;
}

/** What to answer Clio. `echoSecret`: the handshake's `X-Hook-Secret` to send back. */
export type IngressAnswer =
  | { status: 200; handshake: true; echoSecret: string }
  | { status: 200; handshake: false; duplicate: boolean }
  | { status: 400 | 401 | 403 | 404 | 409 | 410; message: string };

/**
 * One request to the ingress: the `X-Hook-Secret` handshake, or a delivery verified by `X-Hook-Signature` (constant
 * time, over the raw bytes) and appended to the log before the 200. No Clio call, no read beyond the cached
 * subscription. Refusals name the header or field, never echo it, and write nothing.
 */
export const receiveDelivery = async (deps: IngressDeps, req: IncomingDelivery): Promise<IngressAnswer> => {
  const sub = await deps.subscriptions.get(req.subscriptionId);
  if (!sub) {
    deps.counters.unknownWebhook++;
    return { status: 404, message: 'subscriptionId: no such webhook' };
  }
  const { counters } = deps;
  counters.received(sub.firmId);
  if (!sub.live) {
    counters.rejected(sub.firmId, 'unknown_webhook');
    // 410 tells Clio to disable the webhook: it was removed on our side.
    return { status: 410, message: 'subscriptionId: this webhook was removed' };
  }
  if (req.secretHeader !== undefined) {
    if (sub.secret !== null && secretsEqual(sub.secret, req.secretHeader))
      return { status: 200, handshake: true, echoSecret: sub.secret };
    counters.rejected(sub.firmId, 'handshake');
    // Clio keeps the webhook pending; the registrar confirms it with PUT /webhooks/{id}/activate once stored.
    return { status: 409, message: 'X-Hook-Secret: not the secret of this webhook (yet)' };
  }
  if (sub.secret === null || !signatureMatches(sub.secret, req.raw, req.signatureHeader)) {
    counters.rejected(sub.firmId, 'forged');
    return { status: 401, message: 'X-Hook-Signature: missing or does not verify' };
  }
  const parsed = parseDelivery(req.body);
  if (!parsed.ok) {
    counters.rejected(sub.firmId, 'malformed');
    return { status: 400, message: parsed.message };
  }
  if (parsed.delivery.webhookId !== sub.clioWebhookId) {
    counters.rejected(sub.firmId, 'wrong_webhook');
    return { status: 403, message: "meta.webhook_id: not this subscription's webhook" };
  }
  const r = await recordDelivery(deps.inbox, sub, parsed.delivery, bodySha256(req.raw), deps.clock());
  counters.verified(sub.firmId, r.duplicate);
  return { status: 200, handshake: false, duplicate: r.duplicate };
};
