import { randomUUID } from 'node:crypto';
import { EventTypes, newEvent, type NewEvent } from '@sf/contracts';

/** A verified delivery as the ingress records it (`ClioWebhookReceived`), for tests: one record of `entityType`. */
export const webhookDelivery = (
  firmId: string,
  record: Record<string, unknown>,
  o: { entityType?: string; event?: string; eventId?: string } = {},
): NewEvent => {
  const eventId = o.eventId ?? randomUUID();
  const e = newEvent({
    eventId,
    type: EventTypes.ClioWebhookReceived,
    data: {
      subscriptionId: 'sub-1',
      clioWebhookId: '7',
      entityType: o.entityType ?? 'tasks',
      event: o.event ?? 'updated',
      bodySha256: 'a'.repeat(64),
      records: [record],
    },
    metadata: { firmId, correlationId: eventId, causationId: null, occurredAt: new Date().toISOString() },
  });
  if (!e.ok) throw new Error(`test delivery invalid: ${e.reason}`);
  return e.value;
};
