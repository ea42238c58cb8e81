import { EventTypes, type RecordedCatalogueEvent } from '@sf/contracts';

const WRITE_TYPES = [
  EventTypes.ClioWriteRequested,
  EventTypes.ClioWriteAttempted,
  EventTypes.ClioWriteApplied,
  EventTypes.ClioWriteFailed,
  EventTypes.ClioWriteConflicted,
  EventTypes.ClioWriteConflictResolved,
] as const;
type WriteEventType = (typeof WRITE_TYPES)[number];

/** The event types of a write's stream (what a reader of writes names as the payloads it reads). */
export const WRITE_EVENT_TYPES: ReadonlySet<string> = new Set(WRITE_TYPES);

/** The events of a write's stream, as the fold reads them (time is the event's). */
export type WriteLogEvent = Extract<RecordedCatalogueEvent, { type: WriteEventType }>;

export const isWriteEvent = (e: RecordedCatalogueEvent): e is WriteLogEvent =>
  (WRITE_TYPES as readonly string[]).includes(e.type);
