import { randomUUID } from 'node:crypto';
import { toWire, type RecordedEvent } from '@sf/contracts';

/** One hostile message: its body, the subject it is published on, and the dead-letter reason it must get. */
export interface MalformedCase {
  name: string;
  body: string | Uint8Array;
  /** Published on the good event's own subject unless set. */
  subject?: string;
  reason: RegExp;
  /** Event id the body claims, when it is a UUID: it must never get an inbox row. */
  claimedId?: string;
}

type Wire = Record<string, unknown> & { metadata: Record<string, unknown>; data: unknown };

const wire = (e: RecordedEvent): Wire => JSON.parse(JSON.stringify(toWire(e))) as Wire;
const json = (w: unknown): string => JSON.stringify(w);
const edited = (e: RecordedEvent, change: (w: Wire) => void): string => {
  const w = wire(e);
  change(w);
  return json(w);
};
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const invalid = (field: string): RegExp => new RegExp(`^invalid envelope: ${field.replace(/\./g, '\\.')}`);

/**
 * The malformed and forged messages every consumer must dead-letter with a reason and get past. `good` is a real
 * event of the consumer's type (in the log); `other` a real event of another type (in the log); `otherFirmSubject`
 * the good event's subject with another firm in it.
 */
export const malformedCases = (
  good: RecordedEvent,
  other: RecordedEvent,
  otherFirmSubject: string,
): MalformedCase[] => {
  const forgedId = randomUUID();
  return [
    { name: 'a body that is not JSON', body: '{"eventId": ', reason: /^invalid envelope: body is not JSON$/ },
    { name: 'a body that is an array', body: '[1,2]', reason: invalid('envelope: must be an object') },
    { name: 'a payload of the wrong shape', body: edited(good, (w) => (w.data = 'x')), reason: invalid('data') },
    {
      name: 'payload fields of the wrong type',
      body: edited(good, (w) => (w.data = { jobId: 42 })),
      reason: /^invalid envelope: data/,
    },
    {
      name: 'unknown version 99',
      body: edited(good, (w) => (w.version = 99)),
      reason: invalid('version: unknown version'),
    },
    {
      name: 'a type that differs from the subject',
      body: json(wire(other)),
      reason: /^refused: subject differs/,
      claimedId: other.eventId,
    },
    {
      name: 'another firm in the subject',
      body: json(wire(good)),
      subject: otherFirmSubject,
      reason: /^refused: subject differs/,
    },
    {
      name: 'a missing firm id',
      body: edited(good, (w) => delete w.metadata['firmId']),
      reason: invalid('metadata.firmId'),
    },
    {
      name: 'a dotted firm id',
      body: edited(good, (w) => (w.metadata['firmId'] = 'firm.x')),
      reason: invalid('metadata.firmId'),
    },
    {
      name: 'an unknown data field',
      body: edited(good, (w) => ((w.data as Record<string, unknown>)['extra'] = 1)),
      reason: invalid('data.extra: unknown field'),
    },
    {
      name: 'a __proto__ key',
      body: edited(good, (w) => (w.data = JSON.parse('{"__proto__":{"x":1}}'))),
      reason: /^invalid envelope: /,
    },
    {
      name: 'an event id that is not a UUID',
      body: edited(good, (w) => (w.eventId = 'not-a-uuid')),
      reason: invalid('eventId: must be a UUID'),
    },
    {
      name: 'a global position beyond bigint',
      body: edited(good, (w) => (w.globalPosition = '99999999999999999999')),
      reason: invalid('globalPosition'),
    },
    {
      name: 'a log position the log has not reached',
      body: edited(good, (w) => (w.globalPosition = String(BigInt(good.globalPosition) + 1_000_000n))),
      reason: /^refused: event differs from the log$/,
    },
    {
      name: 'a forged event (well-formed, never appended)',
      body: edited(good, (w) => (w.eventId = forgedId)),
      reason: /^refused: event is not in the log$/,
      claimedId: forgedId,
    },
    {
      name: 'a real event with altered metadata',
      body: edited(good, (w) => (w.metadata['correlationId'] = 'forged')),
      reason: /^refused: event differs from the log$/,
    },
    {
      name: 'a NUL in a string',
      body: edited(good, (w) => (w.metadata['correlationId'] = 'a\u0000b')),
      reason: /^(invalid envelope|refused): /,
    },
    {
      name: 'JSON nested 10,000 deep',
      body: edited(good, (w) => (w.data = 'NESTED')).replace('"NESTED"', nested(10_000)),
      reason: /^invalid envelope: /,
    },
    {
      name: 'a 900 KB message',
      body: edited(good, (w) => (w.metadata['padding'] = 'x'.repeat(900 * 1024))),
      reason: /^invalid envelope: body is larger than \d+ bytes$/,
    },
  ];
};
