import type { RecordedCatalogueEvent } from './catalogue-event';
import { metadataOf } from './copy-metadata';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth';
import { readEvent } from './read-event';
import { validateAs } from './validate-class';
import { invalid, type Validation } from './validation';
import { WireEnvelope } from './wire-envelope';

/**
 * Parses a wire envelope (the JSON-decoded body of an event message, see `toWire`): validates the envelope, then
 * reads the event with `readEvent` (payload validated, whitelisted, upcast to the current version of its type).
 * Reasons are field-level and never contain payload values.
 */
export function parseEnvelope(raw: unknown): Validation<RecordedCatalogueEvent> {
  // Before any recursive validation: a hostile body nested thousands deep would overflow its stack.
  if (exceedsJsonDepth(raw)) return invalid(`envelope: nested deeper than ${MAX_JSON_DEPTH} levels`);
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
