import { stringify } from 'yaml';
import {
  SCHEMAS,
  deadLetterHeadersSchema,
  deadLetterMessage,
  eventHeadersSchema,
  eventMessage,
  messageId,
  versionsOf,
} from './asyncapi-messages';
import { catalogueEntries } from './catalogue';
import {
  CHANGE_MESSAGE_ID,
  changeChannel,
  changeHeadersSchema,
  changeMessage,
  servers,
} from './changes/asyncapi-changes';
import { clioRecordChanged } from './changes/clio-record-changed';
import { clioRecordsFetched } from './events/clio-records-fetched';
import { clioRecordsObserved } from './events/clio-records-observed';
import type { JsonSchema } from './fields';
import { classSchemas } from './json-schemas';
import { clioRecordSchemas, withTypedRecords } from './asyncapi-records';
import { FIRM_ID_PATTERN } from './subjects';
import { WireEnvelope } from './wire-envelope';

/** Version of the event contract as a whole; bump it with every catalogue change. */
export const CONTRACT_VERSION = '1.0.0';

/**
 * The AsyncAPI 3.0 document of the platform's events, built from the catalogue: subjects, headers, and the
 * envelope plus payload schema of every event type and version. Pure; `npm run asyncapi` writes it to
 * docs/asyncapi.yaml and a spec checks the checked-in file is current.
 */
export function buildAsyncApi(): JsonSchema {
  const entries = catalogueEntries();
  const ids = entries.flatMap((d) => versionsOf(d).map((v) => messageId(d.type, v)));
  const messages: JsonSchema = Object.fromEntries(
    entries.flatMap((d) => versionsOf(d).map((v) => [messageId(d.type, v), eventMessage(d, v)])),
  );
  const payloadClasses = entries.flatMap((d) => versionsOf(d).map((v) => d.versions[v]));
  const ref = (path: string) => ({ $ref: path });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Smarter Firms Clio sync platform events',
      version: CONTRACT_VERSION,
      description: [
        'Every event committed to the Postgres event log is published by the relay, in log order, to',
        '`sf.events.<firmId>.<Type>` with `Nats-Msg-Id` = event id. The body is a JSON envelope (event id, type,',
        'version, stream, positions, transaction id, metadata with firm, correlation, causation and trace context)',
        'around the payload of its type and version. Payloads are whitelisted: unknown fields are rejected.',
        'Older versions stay in the log; consumers receive the current version (upcast on read).',
        'Consumers that give up on a message copy it to `sf.dlq.<consumer>`.',
        'Record changes (`ClioRecordChanged`) derived from the log go to `sf.changes.<firmId>.<entityType>`.',
      ].join('\n'),
    },
    servers: servers(),
    defaultContentType: 'application/json',
    channels: {
      events: {
        address: 'sf.events.{firmId}.{type}',
        title: 'Events',
        description: 'All events of one firm and type. Stream SF_EVENTS binds `sf.events.>`.',
        parameters: {
          firmId: { description: `Firm the event belongs to; matches ${FIRM_ID_PATTERN.source}.` },
          type: { enum: entries.map((d) => d.type), description: 'Event type name.' },
        },
        messages: Object.fromEntries(ids.map((id) => [id, ref(`#/components/messages/${id}`)])),
      },
      deadLetters: {
        address: 'sf.dlq.{consumer}',
        title: 'Dead letters',
        description: 'Messages a durable consumer gave up on. Stream SF_DLQ binds `sf.dlq.>`.',
        parameters: { consumer: { description: 'Durable consumer name (letters, digits, _ or -).' } },
        messages: { DeadLetter: ref('#/components/messages/DeadLetter') },
      },
      changes: changeChannel(),
    },
    operations: {
      publishEvents: {
        action: 'send',
        channel: ref('#/channels/events'),
        summary: 'The relay publishes each committed event once (re-publishes are deduplicated by Nats-Msg-Id).',
        messages: ids.map((id) => ref(`#/channels/events/messages/${id}`)),
      },
      consumeEvents: {
        action: 'receive',
        channel: ref('#/channels/events'),
        summary: 'Durable pull consumers; at-least-once delivery, deduplicated by event id in each consumer inbox.',
        messages: ids.map((id) => ref(`#/channels/events/messages/${id}`)),
      },
      publishChanges: {
        action: 'send',
        channel: ref('#/channels/changes'),
        summary: 'The change relay publishes each change once, in log order, with Nats-Msg-Id = change id.',
        messages: [ref(`#/channels/changes/messages/${CHANGE_MESSAGE_ID}`)],
      },
      consumeChanges: {
        action: 'receive',
        channel: ref('#/channels/changes'),
        summary:
          'Durable pull consumers filtered by firm and/or entity type (`sf.changes.<firmId>.*`, `sf.changes.*.<entityType>`); at-least-once, deduplicated by change id.',
        messages: [ref(`#/channels/changes/messages/${CHANGE_MESSAGE_ID}`)],
      },
      publishDeadLetters: {
        action: 'send',
        channel: ref('#/channels/deadLetters'),
        summary: 'A consumer copies a poison or exhausted message here, then terminates it.',
        messages: [ref('#/channels/deadLetters/messages/DeadLetter')],
      },
    },
    components: {
      messages: { ...messages, DeadLetter: deadLetterMessage(), [CHANGE_MESSAGE_ID]: changeMessage() },
      schemas: {
        EventHeaders: eventHeadersSchema(),
        DeadLetterHeaders: deadLetterHeadersSchema(),
        ChangeHeaders: changeHeadersSchema(),
        ...typeRecords(classSchemas([WireEnvelope, ...payloadClasses, clioRecordChanged.current], SCHEMAS)),
        ...clioRecordSchemas(),
      },
    },
  };
}

/**
 * The data of the events that carry mirrored records (every version) gets its records typed per entity type.
 * `SyncRecordsFlagged` also has records, but those failed validation, so they keep the loose shape.
 */
const RECORD_PAGES = [clioRecordsFetched, clioRecordsObserved].flatMap((d) =>
  Object.values(d.versions).map((c) => c.name),
);
const typeRecords = (schemas: Record<string, JsonSchema>): Record<string, JsonSchema> =>
  Object.fromEntries(
    Object.entries(schemas).map(([name, s]) => [name, RECORD_PAGES.includes(name) ? withTypedRecords(s, SCHEMAS) : s]),
  );

const HEADER = '# Generated from the @sf/contracts catalogue by `npm run asyncapi`. Do not edit by hand.\n';

/**
 * The document as checked in at docs/asyncapi.yaml (deterministic: same catalogue, same bytes). Written with
 * YAML 1.1 quoting, so strings like instants or `yes` stay strings for YAML 1.1 parsers too.
 */
export const renderAsyncApiYaml = (doc: JsonSchema = buildAsyncApi()): string =>
  HEADER + stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0, version: '1.1' });
