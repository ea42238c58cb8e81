import type { CurrentEventData } from './catalogue';
import type { NewEvent, RecordedEvent } from './envelope';
import type { EventType } from './wire-names';

/**
 * Every event type with its current payload, as a union discriminated by `type`, so that projection code can
 * `switch (e.type)` and get the payload narrowed.
 */
export type CatalogueEvent = { [K in EventType]: { type: K; data: CurrentEventData[K] } }[EventType];

/** A catalogue event as decided (ready to append), discriminated by `type`. */
export type NewCatalogueEvent = { [K in EventType]: NewEvent<K, CurrentEventData[K]> }[EventType];

/** A catalogue event as recorded and upcast to the current version, discriminated by `type`. */
export type RecordedCatalogueEvent = { [K in EventType]: RecordedEvent<K, CurrentEventData[K]> }[EventType];

/** Current payload type of one event type, e.g. `EventData<'SyncRequested'>`. */
export type EventData<K extends EventType> = CurrentEventData[K];
