import { randomUUID } from 'node:crypto';
import { EventTypes, StreamTypes, newEvent, streamIds, type CurrentEventData } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream } from '@sf/event-store';
import type { WebhooksDb } from '../schema/webhooks-schema';

type SubscriptionEventType =
  typeof EventTypes.ClioWebhookRegistered | typeof EventTypes.ClioWebhookRenewed | typeof EventTypes.ClioWebhookRemoved;

/**
 * Appends one event to the firm's clio-webhooks stream. Call it in the transaction that changed the subscription
 * row it reports (the row enforces the invariants; the stream is its change log), so both commit or neither.
 */
export const appendSubscriptionEvent = async <K extends SubscriptionEventType>(
  ex: Executor<WebhooksDb>,
  firmId: string,
  type: K,
  data: CurrentEventData[K],
  occurredAt: Date,
): Promise<void> => {
  const eventId = randomUUID();
  const event = newEvent({
    eventId,
    type,
    data,
    metadata: { firmId, correlationId: eventId, causationId: null, occurredAt: occurredAt.toISOString() },
  });
  if (!event.ok) throw new Error(`${type} for firm ${firmId} is invalid: ${event.reason}`);
  const stream = streamIds.clioWebhooks(firmId);
  const r = await appendToStream(ex, stream, StreamTypes.clioWebhooks, 'any', [event.value]);
  if (!r.ok) throw new Error(`${type} could not be appended to ${stream}: ${r.reason}`);
};
