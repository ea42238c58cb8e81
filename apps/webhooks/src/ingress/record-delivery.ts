import { EventTypes, newEvent } from '@sf/contracts';
import type { ParsedDelivery } from './delivery';
import { deliveryEventId } from './delivery';
import type { InboxBatcher } from './inbox-batcher';
import type { VerifyingSubscription } from './subscription-cache';

/**
 * Appends a verified delivery to the firm's webhook inbox as `ClioWebhookReceived`, under an event id derived from
 * the subscription and the body's hash, so a redelivery is stored once. Returns whether the log already held it.
 * Concurrent deliveries of a firm share one append (`InboxBatcher`); this resolves once its event is committed.
 */
export const recordDelivery = async (
  inbox: InboxBatcher,
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
  return { duplicate: await inbox.append(sub.firmId, event.value), eventId };
};
