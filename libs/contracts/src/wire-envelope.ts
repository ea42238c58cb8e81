import { Field } from './fields';
import { FIRM_ID_PATTERN, SUBJECT_TOKEN_PATTERN } from './subjects';
import { TRACEPARENT_PATTERN, TRACESTATE_PATTERN } from './trace-context';

/**
 * class-validator shape of the envelope on the wire (the JSON body the relay publishes; see `toWire`).
 * `data` is only checked to be an object here: its schema depends on (type, version) and is checked by the
 * catalogue. Field names are the wire names of `RecordedEvent`.
 */

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Decimal string of an unsigned 64-bit integer (Postgres xid8). */
const DECIMAL = /^(?:0|[1-9][0-9]{0,19})$/;
/** Decimal string of at most 18 digits: always within Postgres bigint (a log of 10^18 events is out of reach). */
const POSITION = /^(?:0|[1-9][0-9]{0,17})$/;

export class WireTraceContext {
  @Field.pattern(TRACEPARENT_PATTERN, 'a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>, ids not all zeros)')
  traceparent!: string;

  @Field.pattern(TRACESTATE_PATTERN, 'a W3C tracestate (1 to 512 printable ASCII characters)', { optional: true })
  tracestate?: string;
}

export class WireEventMetadata {
  @Field.pattern(FIRM_ID_PATTERN, 'a firm id of 1 to 128 letters, digits, _ or -') firmId!: string;
  @Field.id() correlationId!: string;
  @Field.id({ nullable: true }) causationId!: string | null;
  @Field.instant() occurredAt!: string;
  @Field.nested(() => WireTraceContext, { optional: true }) trace?: WireTraceContext;
}

/** An event as decided, before it has a place in the log. */
export class WireNewEvent {
  @Field.pattern(UUID, 'a UUID', {}, { format: 'uuid' }) eventId!: string;
  @Field.pattern(SUBJECT_TOKEN_PATTERN, 'an event type name (letters, digits, _ or -)') type!: string;
  @Field.integer({}, 1) version!: number;
  @Field.nested(() => WireEventMetadata) metadata!: WireEventMetadata;
  @Field.object() data!: object;
}

/** An event as recorded in the log and published by the relay. */
export class WireEnvelope extends WireNewEvent {
  @Field.id() streamId!: string;
  /** 1-based, gapless position within the stream. */
  @Field.integer({}, 1) streamPosition!: number;
  @Field.pattern(POSITION, 'a decimal string of at most 18 digits') globalPosition!: string;
  @Field.pattern(DECIMAL, 'a decimal string of an unsigned 64-bit integer') transactionId!: string;
}
