import type { EventMetadata } from './envelope';
import type { WireEventMetadata } from './wire-envelope';

/** Copy of validated metadata holding only the envelope's fields (absent optional fields stay absent). */
export const metadataOf = (m: WireEventMetadata): EventMetadata => {
  const out: EventMetadata = {
    firmId: m.firmId,
    correlationId: m.correlationId,
    causationId: m.causationId,
    occurredAt: m.occurredAt,
  };
  if (m.trace) {
    out.trace =
      m.trace.tracestate === undefined
        ? { traceparent: m.trace.traceparent }
        : { traceparent: m.trace.traceparent, tracestate: m.trace.tracestate };
  }
  return out;
};
