/**
 * The envelope every event travels in, in the log, on JetStream and in read-model code.
 * Field names here are the wire names (JSON body of a JetStream message, `metadata` of a log row).
 */

/** W3C trace context carried with an event so that a trace spans the relay's later publish. */
export interface TraceContext {
  /** `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>` */
  traceparent: string;
  tracestate?: string;
}

/** Metadata minted when a command is decided, before the event has a place in the log. */
export interface EventMetadata {
  /** Tenant the event belongs to; every event is scoped to one firm. */
  firmId: string;
  /** Id of the request or workflow the event is part of (stays the same across a chain of events). */
  correlationId: string;
  /** Event id (or command id) that directly caused this one; null for a user- or timer-initiated command. */
  causationId: string | null;
  /** ISO-8601 UTC instant at which the decision was made (time is passed in, never read inside decide). */
  occurredAt: string;
  trace?: TraceContext;
}

/** An event as decided, ready to append. `eventId` is a UUID minted at decide time and never changes. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  /** Schema version of `data` for this type (see the catalogue). */
  version: number;
  data: TData;
  metadata: EventMetadata;
}

/** An event as stored in the log: the decided event plus where it landed. */
export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<TType, TData> {
  streamId: string;
  /** 1-based, gapless position within the stream. */
  streamPosition: number;
  /** Position in the global log, a decimal string (bigint in Postgres). */
  globalPosition: string;
  /** Postgres transaction id (xid8) the event committed in, a decimal string; orders the global log. */
  transactionId: string;
}
