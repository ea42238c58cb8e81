import type { JsonSchema } from '../fields';
import { EventHeaders } from '../wire-names';
import { clioRecordChanged } from './clio-record-changed';
import { toChangeMessage } from './read-change-message';

// The record-change part of the AsyncAPI document (asyncapi.ts): channel, message, headers, and the servers.

const SCHEMAS = '#/components/schemas/';
export const CHANGE_MESSAGE_ID = `${clioRecordChanged.type}V${clioRecordChanged.currentVersion}`;

export const changeChannel = (): JsonSchema => ({
  address: 'sf.changes.{firmId}.{entityType}',
  title: 'Record changes',
  description: [
    'One `ClioRecordChanged` per real change of a mirrored Clio record (created, updated, deleted, restored), derived',
    'by the mirror projection from the log when it applies a page, a webhook observation or a sweep; a record fetched',
    'again unchanged emits nothing. Stream SF_CHANGES binds `sf.changes.>`.',
    '',
    "**Ordering**: per record, in log order (`data.position` increases along a record's changes); across records of",
    'one firm, in log order; across firms, no order.',
    '**Exactly once**: `changeId` (= `Nats-Msg-Id`) is a name-based UUID of (firm, entity type, record, log',
    'position): crashes, replays and rebuilds name a change the same way; JetStream drops a re-publish within the',
    'duplicate window (2 min), and a subscriber deduplicates past it by `changeId` (`processOnce` of @sf/subscriber).',
    '**Retention**: the stream keeps 30 days (limits, discard old); the history API (`GET /<type>/{id}/history`)',
    'keeps every change. **Replay**: a new durable consumer starts at the stream start (deliver all); older changes',
    'come from the history API. A rebuild of the mirror derives the same changes and publishes none again.',
  ].join('\n'),
  parameters: {
    firmId: { description: 'Firm the record belongs to.' },
    entityType: {
      description: 'Mirror entity type (Clio resource name): matters, contacts, documents, folders, tasks, ...',
    },
  },
  messages: { [CHANGE_MESSAGE_ID]: { $ref: `#/components/messages/${CHANGE_MESSAGE_ID}` } },
});

export const changeHeadersSchema = (): JsonSchema => ({
  type: 'object',
  properties: {
    [EventHeaders.msgId]: {
      type: 'string',
      format: 'uuid',
      description: 'The change id (`data.changeId`); JetStream drops a re-publish within the duplicate window.',
    },
  },
  required: [EventHeaders.msgId],
});

export const changeMessage = (): JsonSchema => ({
  name: clioRecordChanged.type,
  title: `${clioRecordChanged.type} v${clioRecordChanged.currentVersion}`,
  summary: clioRecordChanged.description,
  description:
    'Not a log event: no envelope positions or metadata; `type` and `version` version the payload like catalogue events (`readChangeMessage` validates and upcasts).',
  contentType: 'application/json',
  headers: { $ref: `${SCHEMAS}ChangeHeaders` },
  payload: {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'version', 'data'],
    properties: {
      type: { const: clioRecordChanged.type },
      version: { const: clioRecordChanged.currentVersion },
      data: { $ref: `${SCHEMAS}${clioRecordChanged.current.name}` },
    },
  },
  correlationId: { location: '$message.payload#/data/changeId' },
  examples: [{ name: CHANGE_MESSAGE_ID, payload: toChangeMessage(clioRecordChanged.examples[1]) }],
  'x-sf-version': clioRecordChanged.currentVersion,
});

export const servers = (): JsonSchema => ({
  production: {
    host: 'nats.sf.internal:4222',
    protocol: 'nats',
    description:
      'The production NATS cluster (3 nodes, JetStream, streams with 3 replicas), nats-server 2.9 or later. Locked: each subscriber has its own user, allowed to create and read only its own durable consumers (`subscriberUser`).',
  },
  development: {
    host: '127.0.0.1:4222',
    protocol: 'nats',
    description: '`npm start` (its own locked server on a free port) or `nats-server -js` with `--open-nats`.',
  },
});
