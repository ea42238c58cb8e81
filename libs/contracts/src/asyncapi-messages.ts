import type { EventDefinition } from './event-definition';
import type { JsonSchema } from './fields';
import { validateNewEvent } from './new-event';
import { streamOf } from './stream-ids';
import { toWire, type WireEvent } from './to-wire';
import { TRACEPARENT_PATTERN, TRACESTATE_PATTERN } from './trace-context';
import { WireEnvelope } from './wire-envelope';
import { DeadLetterHeaders, EventHeaders } from './wire-names';

/** Pieces of the AsyncAPI document: one message per (event type, version), headers, examples. */

export const SCHEMAS = '#/components/schemas/';
export const messageId = (type: string, version: number): string => `${type}V${version}`;

export const versionsOf = (d: EventDefinition): number[] => Array.from({ length: d.currentVersion }, (_, i) => i + 1);

export const eventMessage = (d: EventDefinition, version: number): JsonSchema => ({
  name: d.type,
  title: `${d.type} v${version}`,
  summary: d.description,
  description:
    version === d.currentVersion
      ? `Current version. Appended to \`${d.streamType}\` streams.`
      : `Superseded by v${d.currentVersion}; still in the log. \`parseEnvelope\` upcasts it, so consumers receive v${d.currentVersion}.`,
  contentType: 'application/json',
  headers: { $ref: `${SCHEMAS}EventHeaders` },
  payload: {
    allOf: [
      { $ref: `${SCHEMAS}${WireEnvelope.name}` },
      {
        type: 'object',
        properties: {
          type: { const: d.type },
          version: { const: version },
          data: { $ref: `${SCHEMAS}${d.versions[version].name}` },
        },
      },
    ],
  },
  correlationId: { location: '$message.payload#/metadata/correlationId' },
  tags: [{ name: d.streamType }],
  examples: [{ name: messageId(d.type, version), payload: exampleEnvelope(d, version) }],
  'x-sf-event-type': d.type,
  'x-sf-version': version,
  'x-sf-current-version': d.currentVersion,
  'x-sf-stream-type': d.streamType,
});

/** A complete wire envelope around the catalogue example of (type, version). Fixed values: the file is diffed. */
const EXAMPLE_EVENT_ID = '1f0e5a2b-7c3d-4e8f-9a0b-1c2d3e4f5a6b';

const exampleEnvelope = (d: EventDefinition, version: number): WireEvent => {
  const data = d.examples[version];
  const metadata = {
    firmId: 'firm-42',
    correlationId: '9a4c1f52-6a8e-4d0b-9a57-2f1e6a3c8b11',
    causationId: null,
    occurredAt: '2026-01-05T10:00:00.000Z',
    trace: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  };
  // Stream ids derive from the current shape, so an older example is placed by its current version's example.
  const example = {
    eventId: EXAMPLE_EVENT_ID,
    type: d.type,
    version: d.currentVersion,
    data: d.examples[d.currentVersion],
    metadata,
  };
  const current = validateNewEvent(example);
  if (!current.ok) throw new Error(`catalogue bug: the ${d.type} example is invalid: ${current.reason}`);
  const { streamId } = streamOf(current.value);
  return toWire({
    eventId: EXAMPLE_EVENT_ID,
    type: d.type,
    version,
    streamId,
    streamPosition: 1,
    globalPosition: '1042',
    transactionId: '881234',
    metadata,
    data,
  });
};

export const eventHeadersSchema = (): JsonSchema => ({
  type: 'object',
  properties: {
    [EventHeaders.msgId]: {
      type: 'string',
      format: 'uuid',
      description: 'The event id; JetStream drops a re-publish within the duplicate window.',
    },
    [EventHeaders.traceparent]: {
      type: 'string',
      pattern: TRACEPARENT_PATTERN.source,
      description: 'W3C trace context of the decision (metadata.trace).',
    },
    [EventHeaders.tracestate]: { type: 'string', pattern: TRACESTATE_PATTERN.source },
  },
  required: [EventHeaders.msgId],
});

const h = DeadLetterHeaders;
export const deadLetterHeadersSchema = (): JsonSchema => ({
  type: 'object',
  description: 'The original event headers (less Nats-Msg-Id) plus where the message came from and why it failed.',
  properties: {
    'Nats-Msg-Id': {
      type: 'string',
      description: '`dlq:<consumer>:<stream>:<stream sequence>`: re-copying after a crash is deduplicated.',
    },
    [EventHeaders.traceparent]: { type: 'string', pattern: TRACEPARENT_PATTERN.source },
    [EventHeaders.tracestate]: { type: 'string', pattern: TRACESTATE_PATTERN.source },
    [h.consumer]: { type: 'string', description: 'Durable consumer that gave up (also the last subject token).' },
    [h.reason]: { type: 'string', description: 'Field-level validation reason or error code; never payload values.' },
    [h.subject]: { type: 'string', description: 'Subject the message was delivered on.' },
    [h.stream]: { type: 'string', description: 'JetStream stream of the original message.' },
    [h.streamSequence]: {
      type: 'string',
      pattern: '^[0-9]+$',
      description: 'Stream sequence of the original message.',
    },
    [h.deliveries]: { type: 'string', pattern: '^[0-9]+$', description: 'Delivery attempts made.' },
    [h.failedAt]: { type: 'string', format: 'date-time', description: 'When the message was dead-lettered (UTC).' },
  },
  required: [h.consumer, h.reason, h.subject, h.stream, h.streamSequence, h.deliveries],
});

export const deadLetterMessage = (): JsonSchema => ({
  name: 'DeadLetter',
  title: 'Dead letter',
  summary: 'An event message a consumer gave up on (poison or out of retries), copied with its body unchanged.',
  contentType: 'application/json',
  headers: { $ref: `${SCHEMAS}DeadLetterHeaders` },
  payload: {
    description:
      'The original message body: usually a valid envelope, but it may be the very body that failed to parse.',
  },
});
