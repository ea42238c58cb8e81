// INTERFACE CONTRACT (temporary stub, replaced by the real catalogue in this lib).
// Other libs code against exactly these names and shapes.
import type { RecordedEvent } from './envelope';

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates an event body of (type, version) against the catalogue; unknown type or version is a failure. */
export declare function validateEventData(type: string, version: number, data: unknown): Validation<unknown>;

/**
 * Parses a wire envelope (JSON-decoded JetStream message body), validates envelope and payload, and upcasts the
 * payload to the current version of its type. Reasons are field-level and never contain payload values.
 */
export declare function parseEnvelope(raw: unknown): Validation<RecordedEvent>;

/** JSON-safe wire form of a recorded event (what the relay publishes as the message body). */
export declare function toWire(e: RecordedEvent): Record<string, unknown>;

/** JetStream subject of an event: `sf.events.<firmId>.<Type>` (see SUBJECTS). */
export declare function subjectFor(e: Pick<RecordedEvent, 'type' | 'metadata'>): string;

export declare const SUBJECTS: {
  /** Every event subject (the SF_EVENTS stream binds this). */
  readonly events: 'sf.events.>';
  /** Dead letters: `sf.dlq.<consumer name>`. */
  readonly deadLetter: (consumer: string) => string;
};
