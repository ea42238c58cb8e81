import type { RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';

/** What every row fold needs besides the payload: tenant, event time (ms precision, ISO) and log position. */
export interface EventContext {
  firmId: string;
  occurredAt: string;
  position: LogPosition;
}

/** True when `a` comes strictly after `b` in the log. */
export const isAfter = (a: LogPosition, b: LogPosition): boolean => LogPosition.compare(a, b) > 0;

/**
 * Event time normalised to millisecond precision. Rows round-trip through JS Dates, which keep milliseconds only;
 * normalising up front makes a row identical whatever batch boundaries it was built across (rebuild == live).
 */
export const normaliseInstant = (iso: string): string | null => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

export const contextOf = (e: RecordedEvent): EventContext | null => {
  const occurredAt = normaliseInstant(e.metadata.occurredAt);
  if (occurredAt === null || typeof e.metadata.firmId !== 'string') return null;
  return { firmId: e.metadata.firmId, occurredAt, position: LogPosition.of(e) };
};
