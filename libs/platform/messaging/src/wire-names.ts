import { DeadLetterHeaders, EventHeaders } from '@sf/contracts';

/**
 * Every name that crosses a process boundary (NATS headers, stream names, checkpoint and lock names), in one
 * place. Header names are the contract's (`EventHeaders`, `DeadLetterHeaders` in @sf/contracts, documented in
 * the AsyncAPI file); subjects come from `SUBJECTS` there and are rebased by the topology.
 */
export const Hdr = {
  /** JetStream de-duplication key; always the event id. */
  MsgId: EventHeaders.msgId,
  /** W3C trace context (https://www.w3.org/TR/trace-context/). */
  TraceParent: EventHeaders.traceparent,
  TraceState: EventHeaders.tracestate,
  /** Dead-letter headers, added to the original headers of a message copied to the DLQ subject. */
  DlqReason: DeadLetterHeaders.reason,
  DlqConsumer: DeadLetterHeaders.consumer,
  DlqSubject: DeadLetterHeaders.subject,
  DlqStream: DeadLetterHeaders.stream,
  DlqStreamSeq: DeadLetterHeaders.streamSequence,
  DlqDeliveries: DeadLetterHeaders.deliveries,
  DlqFailedAt: DeadLetterHeaders.failedAt,
} as const;
export type Hdr = (typeof Hdr)[keyof typeof Hdr];

/** Default JetStream stream names (tests override them with unique names). */
export const StreamName = {
  Events: 'SF_EVENTS',
  DeadLetters: 'SF_DLQ',
  /** Record changes (`sf.changes.>`): derived from the log, published by the change relay. */
  Changes: 'SF_CHANGES',
} as const;

/** The record-changes stream that goes with an events stream: `SF_CHANGES` beside `SF_EVENTS`, else `<events>_CHANGES`. */
export const changesStreamBeside = (eventsStream: string): string =>
  eventsStream === StreamName.Events ? StreamName.Changes : `${eventsStream}_CHANGES`;

/** Subject namespace of production subjects: `sf.events.>` and `sf.dlq.>` (see SUBJECTS in @sf/contracts). */
export const DEFAULT_NAMESPACE = 'sf';

/** Checkpoint name under which the relay `name` stores its log position. */
export const relayCheckpointName = (name: string): string => `relay:${name}`;

/** Advisory-lock name of the one active change relay (`ClioRecordChanged` publisher). */
export const changeRelayLockName = 'sf.change-relay';

/** Advisory-lock name the active relay `name` holds; hashed to a bigint key by Postgres. */
export const relayLockName = (name: string): string => `sf.relay:${name}`;
