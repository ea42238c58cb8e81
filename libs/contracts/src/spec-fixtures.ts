import type { EventMetadata, RecordedEvent } from './envelope';
import { toWire } from './to-wire';

// Shared by the specs of this lib only (not exported from index.ts).

export const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

export const metadata = (over: Partial<EventMetadata> = {}): EventMetadata => ({
  firmId: 'firm-42',
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2026-01-05T10:00:00.000Z',
  trace: { traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' },
  ...over,
});

export const recorded = (
  type: string,
  version: number,
  data: unknown,
  over: Partial<RecordedEvent> = {},
): RecordedEvent => ({
  eventId: '5b1f8a52-3c7e-4f0a-9d3b-6e2c1a0f9b84',
  type,
  version,
  data,
  metadata: metadata(),
  streamId: 'sync-job-job-1',
  streamPosition: 3,
  globalPosition: '9007199254740993',
  transactionId: '18446744073709551615',
  ...over,
});

/** What a consumer receives: the relay's body after a JSON round trip. */
export const wireOf = (e: RecordedEvent): Record<string, unknown> =>
  JSON.parse(JSON.stringify(toWire(e))) as Record<string, unknown>;

/** A deep copy with `mutate` applied (for building bad inputs from good ones). */
export const edit = <T>(value: T, mutate: (copy: T) => void): T => {
  const copy = structuredClone(value);
  mutate(copy);
  return copy;
};
