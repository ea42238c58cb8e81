import type { RecordedCatalogueEvent } from './catalogue-event';
import { metadataOf } from './copy-metadata';
import type { RecordedEvent } from './envelope';
import { upcastEventData } from './upcast';
import { validateAs } from './validate-class';
import { valid, type Validation } from './validation';
import { WireEnvelope } from './wire-envelope';

/**
 * Parses a wire envelope (the JSON-decoded body of an event message, see `toWire`): validates the envelope and
 * the payload of its (type, version), whitelisted, then upcasts the payload to the current version of its type.
 * The result carries the current `version`. Reasons are field-level and never contain payload values.
 */
export function parseEnvelope(raw: unknown): Validation<RecordedCatalogueEvent> {
  const envelope = validateAs(WireEnvelope, raw, '');
  if (!envelope.ok) return envelope;
  const w = envelope.value;
  const payload = upcastEventData(w.type, w.version, w.data);
  if (!payload.ok) return payload;
  const event: RecordedEvent = {
    eventId: w.eventId,
    type: w.type,
    version: payload.value.version,
    data: payload.value.data,
    metadata: metadataOf(w.metadata),
    streamId: w.streamId,
    streamPosition: w.streamPosition,
    globalPosition: w.globalPosition,
    transactionId: w.transactionId,
  };
  // Safe: the type is a catalogue type and the data was validated against its current class.
  return valid(event as RecordedCatalogueEvent);
}

/**
 * Upcasts an event read from the log (which may hold older versions) to the current shape of its type, after
 * validating its payload. For readers of the log itself (projections, relays); JetStream consumers use
 * `parseEnvelope`, which also validates the envelope.
 */
export function upcastEvent(e: RecordedEvent): Validation<RecordedCatalogueEvent> {
  const payload = upcastEventData(e.type, e.version, e.data);
  if (!payload.ok) return payload;
  return valid({ ...e, version: payload.value.version, data: payload.value.data } as RecordedCatalogueEvent);
}
