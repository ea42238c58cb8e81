import { EventTypes, StreamTypes, newEvent, streamIds } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream } from '@sf/event-store';
import type { WebhooksDb } from '../schema/webhooks-schema';
import type { ParsedDelivery } from './delivery';
import { deliveryEventId } from './delivery';
import type { VerifyingSubscription } from './subscription-cache';

/**
 * Appends a verified delivery to the firm's webhook inbox as `ClioWebhookReceived`, under an event id derived from
 * the subscription and the body's hash, so a redelivery is stored once. Returns whether the log already held it.
 */
export const recordDelivery = async (
  db: Executor<WebhooksDb>,
  sub: VerifyingSubscription,
  delivery: ParsedDelivery,
  sha: string,
  now: Date,
): Promise<{ duplicate: boolean; eventId: string }> => {
  const eventId = deliveryEventId(sub.subscriptionId, sha);
  const event = newEvent({
    eventId,
    type: EventTypes.ClioWebhookReceived,
    data: {
      subscriptionId: sub.subscriptionId,
      clioWebhookId: delivery.webhookId,
      entityType: sub.entityType,
      event: delivery.event,
      bodySha256: sha,
      records: [delivery.record],
    },
    metadata: { firmId: sub.firmId, correlationId: eventId, causationId: null, occurredAt: now.toISOString() },
  });
  // The payload was checked by parseDelivery and the ids come from our own row: an invalid event here is a bug.
  if (!event.ok) throw new Error(`ClioWebhookReceived for firm ${sub.firmId} is invalid: ${event.reason}`);
  const stream = streamIds.webhookInbox(sub.firmId);
  const r = await appendToStream(db, stream, StreamTypes.webhookInbox, 'any', [event.value]);
  if (!r.ok) throw new Error(`ClioWebhookReceived could not be appended to ${stream}: ${r.reason}`);
  return { duplicate: r.idempotent, eventId };
};
