import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@sf/contracts';

/** Events for this lib's own tests and benchmark: fresh ids, fixed metadata. Not exported from the lib. */
export const newEvent = (type = 'ThingHappened', data: unknown = { n: 1 }): NewEvent => ({
  eventId: randomUUID(),
  type,
  version: 1,
  data,
  metadata: {
    firmId: 'firm-1',
    correlationId: 'corr-1',
    causationId: null,
    occurredAt: '2026-11-23T00:00:00.000Z',
  },
});

export const newEvents = (n: number, type?: string): NewEvent[] =>
  Array.from({ length: n }, (_, i) => newEvent(type, { i }));
