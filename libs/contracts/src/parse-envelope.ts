import type { RecordedCatalogueEvent } from './catalogue-event';
import { metadataOf } from './copy-metadata';
import { readEvent } from './read-event';
import { validateAs } from './validate-class';
import type { Validation } from './validation';
import { WireEnvelope } from './wire-envelope';

/**
 * Parses a wire envelope (the JSON-decoded body of an event message, see `toWire`): validates the envelope, then
 * reads the event with `readEvent` (payload validated, whitelisted, upcast to the current version of its type).
 * Reasons are field-level and never contain payload values.
 */
export function parseEnvelope(raw: unknown): Validation<RecordedCatalogueEvent> {
  const envelope = validateAs(WireEnvelope, raw, '');
  if (!envelope.ok) return envelope;
  const w = envelope.value;
  return readEvent({
    eventId: w.eventId,
    type: w.type,
    version: w.version,
    data: w.data,
    metadata: metadataOf(w.metadata),
    streamId: w.streamId,
    streamPosition: w.streamPosition,
    globalPosition: w.globalPosition,
    transactionId: w.transactionId,
  });
}
