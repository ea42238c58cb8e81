import type { RecordedEvent } from './envelope';

/** A NATS subject token we accept from data: no dots, wildcards or whitespace. */
export const SUBJECT_TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;
/** A firm id: a subject token of at most 128 characters (it is the third token of every event subject). */
export const FIRM_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const isSubjectToken = (value: unknown): value is string =>
  typeof value === 'string' && SUBJECT_TOKEN_PATTERN.test(value);

/** Thrown when a subject would be built from an unsafe token: a bug, since validated events never carry one. */
export class InvalidSubjectToken extends Error {
  readonly code = 'CONTRACTS.INVALID_SUBJECT_TOKEN';
  constructor(readonly field: string) {
    super(`${field}: must match ${SUBJECT_TOKEN_PATTERN.source} to be used in a subject`);
    this.name = 'InvalidSubjectToken';
  }
}

const token = (field: string, value: string, pattern: RegExp = SUBJECT_TOKEN_PATTERN): string => {
  if (!pattern.test(value)) throw new InvalidSubjectToken(field);
  return value;
};

/** NATS subjects of the platform. Tokens are checked; an unsafe one throws `InvalidSubjectToken`. */
export const SUBJECTS = {
  /** Every event subject (the SF_EVENTS stream binds this). */
  events: 'sf.events.>',
  /** Every dead-letter subject (the dead-letter stream binds this). */
  deadLetters: 'sf.dlq.>',
  /** Subject of one event: `sf.events.<firmId>.<Type>`. */
  event: (firmId: string, type: string): string =>
    `sf.events.${token('firmId', firmId, FIRM_ID_PATTERN)}.${token('type', type)}`,
  /** Every event of one firm: `sf.events.<firmId>.>`. */
  firmEvents: (firmId: string): string => `sf.events.${token('firmId', firmId, FIRM_ID_PATTERN)}.>`,
  /** The filter of `firmEvents` for any firm: a permission pattern (a filter token of the consumer-create subject). */
  anyFirmEvents: 'sf.events.*.>',
  /** One event type of every firm: `sf.events.*.<Type>` (a consumer filter). */
  eventType: (type: string): string => `sf.events.*.${token('type', type)}`,
  /** Every record-change subject (the SF_CHANGES stream binds this). */
  changes: 'sf.changes.>',
  /** Changes of one firm's records of one entity type: `sf.changes.<firmId>.<entityType>`. */
  change: (firmId: string, entityType: string): string =>
    `sf.changes.${token('firmId', firmId, FIRM_ID_PATTERN)}.${token('entityType', entityType)}`,
  /** Every record change of one firm: `sf.changes.<firmId>.*` (a consumer filter). */
  firmChanges: (firmId: string): string => `sf.changes.${token('firmId', firmId, FIRM_ID_PATTERN)}.*`,
  /** One entity type's changes of every firm: `sf.changes.*.<entityType>` (a consumer filter). */
  entityTypeChanges: (entityType: string): string => `sf.changes.*.${token('entityType', entityType)}`,
  /** Dead letters of one consumer: `sf.dlq.<consumer name>`. */
  deadLetter: (consumer: string): string => `sf.dlq.${token('consumer', consumer)}`,
  /**
   * Redrive of one consumer's dead letter, core NATS request-reply (rpc/redrive.ts): `sf.rpc.redrive.<consumer>`,
   * answered by that consumer's replicas (queue group = consumer name).
   */
  redrive: (consumer: string): string => `sf.rpc.redrive.${token('consumer', consumer)}`,
  /** Every consumer's redrive subject (what the ops tools may call). */
  redrives: 'sf.rpc.redrive.*',
} as const;

/** JetStream subject of an event: `sf.events.<firmId>.<Type>`. Throws `InvalidSubjectToken` on an unsafe token. */
export function subjectFor(e: Pick<RecordedEvent, 'type' | 'metadata'>): string {
  return SUBJECTS.event(e.metadata.firmId, e.type);
}
