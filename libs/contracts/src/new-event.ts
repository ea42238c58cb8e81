import { CATALOGUE, isEventType, type CurrentEventData } from './catalogue';
import type { NewCatalogueEvent } from './catalogue-event';
import type { EventMetadata, NewEvent } from './envelope';
import { metadataOf } from './copy-metadata';
import { validateAs } from './validate-class';
import { validateEventData } from './validate-event-data';
import { invalid, valid, type Validation } from './validation';
import { WireNewEvent } from './wire-envelope';
import type { EventType } from './wire-names';

/**
 * Validates an event before it is appended: envelope fields (UUID event id, firm id, instant, trace context),
 * a catalogue type at its CURRENT version (the log is only ever written in the current shape), and the payload,
 * whitelisted. An event that fails is never appended. `value` is a copy holding only the envelope's fields.
 */
export function validateNewEvent(e: NewEvent): Validation<NewCatalogueEvent> {
  const envelope = validateAs(WireNewEvent, e, '');
  if (!envelope.ok) return envelope;
  if (!isEventType(e.type)) return invalid('type: unknown event type');
  const current = CATALOGUE[e.type].currentVersion;
  if (e.version !== current) return invalid(`version: must be the current version ${current} of ${e.type}`);
  const data = validateEventData(e.type, e.version, e.data);
  if (!data.ok) return data;
  const event: NewEvent = {
    eventId: e.eventId,
    type: e.type,
    version: e.version,
    data: e.data,
    metadata: metadataOf(envelope.value.metadata),
  };
  return valid(event as NewCatalogueEvent);
}

/** Input of `newEvent`: the version is filled in as the type's current version. */
export interface NewEventInput<K extends EventType> {
  /** UUID minted at decide time (passed in, so deciders stay pure and retries keep the same id). */
  eventId: string;
  type: K;
  data: CurrentEventData[K];
  metadata: EventMetadata;
}

/** Builds a validated event of a catalogue type at its current version, ready for `appendToStream`. */
export function newEvent<K extends EventType>(input: NewEventInput<K>): Validation<NewEvent<K, CurrentEventData[K]>> {
  const checked = validateNewEvent({ ...input, version: CATALOGUE[input.type].currentVersion });
  return checked as Validation<NewEvent<K, CurrentEventData[K]>>;
}
