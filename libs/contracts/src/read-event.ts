import type { RecordedCatalogueEvent } from './catalogue-event';
import type { RecordedEvent } from './envelope';
import { currentTypeName } from './catalogue';
import { upcastEventData } from './upcast';
import { invalid, valid, type Validation } from './validation';
import type { EventType } from './wire-names';

/** A recorded catalogue event of one of the types `K`, its payload in the current version. */
export type RecordedEventOf<K extends EventType> = Extract<RecordedCatalogueEvent, { type: K }>;

/**
 * The one typed reader of recorded events (the log, a stream, a JetStream message once its envelope is parsed):
 * validates the payload against its stored (type, version), upcasts it to the current version (a former type
 * name becomes its current name) and returns an event discriminated by `type`, so after
 * `if (e.type === 'SyncJobStarted')` the payload is typed. An unknown type or a payload that does not match its
 * contract is a value, not an exception; reasons are field-level and never contain payload values.
 */
export function readEvent(e: RecordedEvent): Validation<RecordedCatalogueEvent> {
  const payload = upcastEventData(e.type, e.version, e.data);
  if (!payload.ok) return payload;
  const read: RecordedEvent = {
    ...e,
    type: payload.value.type,
    version: payload.value.version,
    data: payload.value.data,
  };
  // Safe: the type is a catalogue type and the payload was just validated against its current class.
  return valid(read as RecordedCatalogueEvent);
}

/** Narrows a read event to one of `types` (a projection's or consumer's subset of the catalogue). */
export const isEventOf = <K extends EventType>(
  e: RecordedCatalogueEvent,
  types: ReadonlySet<K>,
): e is RecordedEventOf<K> => (types as ReadonlySet<string>).has(e.type);

/**
 * `readEvent` for a reader that folds only `types`: null for an event of any other type (skipped without the cost
 * of validating it), otherwise the read event narrowed to `types`, or why it does not match its contract.
 */
export function readEventOf<K extends EventType>(
  e: RecordedEvent,
  types: ReadonlySet<K>,
): Validation<RecordedEventOf<K>> | null {
  if (!(types as ReadonlySet<string>).has(currentTypeName(e.type))) return null;
  const read = readEvent(e);
  if (!read.ok) return read;
  return isEventOf(read.value, types) ? valid(read.value) : invalid('type: not one of the types read');
}

/**
 * `readEvent` for readers of the log itself (a stream, a batch of the global log), which holds only events validated
 * when appended: a failure there is a bug or a tampered log, so it throws instead of returning a value.
 */
export const readLoggedEvent = (e: RecordedEvent): RecordedCatalogueEvent => {
  const read = readEvent(e);
  if (!read.ok) throw new Error(`event ${e.eventId} of ${e.streamId} does not match its contract: ${read.reason}`);
  return read.value;
};
