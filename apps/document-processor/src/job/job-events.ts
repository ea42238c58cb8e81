import { randomUUID } from 'node:crypto';
import { newEvent, type CurrentEventData, type EventType, type NewEvent } from '@sf/contracts';

/** Who the job's events are attributed to. */
export interface EventOrigin {
  firmId: string;
  correlationId: string;
}

/** A validated catalogue event with a fresh id; an invalid one is a bug here, so it throws. */
export const jobEvent = <K extends EventType>(
  origin: EventOrigin,
  now: Date,
  type: K,
  data: CurrentEventData[K],
): NewEvent => {
  const checked = newEvent({
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      firmId: origin.firmId,
      correlationId: origin.correlationId,
      causationId: null,
      occurredAt: now.toISOString(),
    },
  });
  if (!checked.ok) throw new Error(`document-processor built an invalid ${type}: ${checked.reason}`);
  return checked.value;
};
