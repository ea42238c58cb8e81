import type { RecordedEvent } from './envelope';
import { withJsonText } from './json-text';

/** W3C trace context on the wire. */
export type WireTrace = { traceparent: string; tracestate?: string };

/** Envelope metadata on the wire. */
export type WireMetadata = {
  firmId: string;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  trace?: WireTrace;
};

/**
 * JSON body of an event message, exactly what `parseEnvelope` accepts. Positions are a number (stream) and
 * decimal strings (global, transaction): JSON has no bigint.
 */
export type WireEvent = {
  eventId: string;
  type: string;
  version: number;
  streamId: string;
  streamPosition: number;
  globalPosition: string;
  transactionId: string;
  metadata: WireMetadata;
  data: unknown;
};

/**
 * The JSON-safe wire form of a recorded event (what the relay publishes as the message body). Copies only the
 * envelope's own fields, so nothing else attached to the object leaks onto the wire; absent optional fields
 * stay absent (no `undefined` keys).
 */
export function toWire(e: RecordedEvent): WireEvent {
  const m = e.metadata;
  const metadata: WireMetadata = {
    firmId: m.firmId,
    correlationId: m.correlationId,
    causationId: m.causationId,
    occurredAt: m.occurredAt,
  };
  if (m.trace) {
    metadata.trace = { traceparent: m.trace.traceparent };
    if (m.trace.tracestate !== undefined) metadata.trace.tracestate = m.trace.tracestate;
  }
  return {
    eventId: e.eventId,
    type: e.type,
    version: e.version,
    streamId: e.streamId,
    // String()/Number() guard against a caller that kept Postgres bigints: JSON.stringify throws on bigint.
    streamPosition: Number(e.streamPosition),
    globalPosition: String(e.globalPosition),
    transactionId: String(e.transactionId),
    metadata,
    data: e.data,
  };
}

/**
 * `JSON.stringify(toWire(e))` for an event whose payload is already JSON text (as the log stores it): the text is
 * copied into the body, never parsed.
 */
export function wireBodyOf(e: Omit<RecordedEvent, 'data'>, dataJson: string): string {
  return withJsonText(JSON.stringify(toWire({ ...e, data: {} })), 'data', dataJson);
}
