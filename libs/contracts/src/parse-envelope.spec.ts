import fc from 'fast-check';
import { CATALOGUE, catalogueEntries } from './catalogue';
import { parseEnvelope } from './parse-envelope';
import { edit, recorded, TRACEPARENT, wireOf } from './spec-fixtures';
import { toWire } from './to-wire';
import type { EventType } from './wire-names';

const current = (type: EventType) =>
  recorded(type, CATALOGUE[type].currentVersion, CATALOGUE[type].examples[CATALOGUE[type].currentVersion]);
const good = () => wireOf(current('SyncJobBlocked'));
const reasonOf = (raw: unknown): string => {
  const r = parseEnvelope(raw);
  if (r.ok) throw new Error('expected the envelope to be rejected');
  return r.reason;
};
type Wire = Record<string, Record<string, unknown>>;

describe('parseEnvelope', () => {
  it.each(catalogueEntries().map((d) => [d.type as EventType]))('round-trips toWire for %s', (type) => {
    const e = current(type);
    expect(parseEnvelope(wireOf(e))).toEqual({ ok: true, value: e });
  });

  it('round-trips without optional fields (no trace, no tracestate, causation id set)', () => {
    const noTrace = recorded(
      'SyncJobResumed',
      1,
      { jobId: 'j' },
      { metadata: { firmId: 'f', correlationId: 'c', causationId: 'e-1', occurredAt: '2026-01-05T10:00:00Z' } },
    );
    expect(parseEnvelope(wireOf(noTrace))).toEqual({ ok: true, value: noTrace });
    const noState = recorded(
      'SyncJobResumed',
      1,
      { jobId: 'j' },
      { metadata: { ...noTrace.metadata, trace: { traceparent: TRACEPARENT } } },
    );
    expect(parseEnvelope(wireOf(noState))).toEqual({ ok: true, value: noState });
    expect(Object.keys(toWire(noTrace).metadata)).toEqual(['firmId', 'correlationId', 'causationId', 'occurredAt']);
  });

  it('puts only strings and numbers on the wire, even from bigint positions', () => {
    const e = { ...current('SyncJobResumed'), globalPosition: 12n, transactionId: 34n } as unknown as ReturnType<
      typeof current
    >;
    const w = toWire(e);
    expect([w.globalPosition, w.transactionId, w.streamPosition]).toEqual(['12', '34', 3]);
    expect(() => JSON.stringify(w)).not.toThrow();
  });

  it.each([
    ['a bad event id', (w: Wire) => (w.eventId = 'not-a-uuid' as never), 'eventId: must be a UUID'],
    [
      'a bad firm id (dot)',
      (w: Wire) => (w.metadata.firmId = 'firm.42'),
      'metadata.firmId: must be a firm id of 1 to 128 letters, digits, _ or -',
    ],
    [
      'a bad firm id (wildcard)',
      (w: Wire) => (w.metadata.firmId = '>'),
      'metadata.firmId: must be a firm id of 1 to 128 letters, digits, _ or -',
    ],
    [
      'an empty firm id',
      (w: Wire) => (w.metadata.firmId = ''),
      'metadata.firmId: must be a firm id of 1 to 128 letters, digits, _ or -',
    ],
    ['a missing correlation id', (w: Wire) => delete w.metadata.correlationId, 'metadata.correlationId: is required'],
    ['a missing causation id', (w: Wire) => delete w.metadata.causationId, 'metadata.causationId: is required'],
    [
      'a local occurred-at',
      (w: Wire) => (w.metadata.occurredAt = '2026-01-05T10:00:00'),
      'metadata.occurredAt: must be an ISO-8601 UTC instant (YYYY-MM-DDTHH:mm:ss[.fff]Z)',
    ],
    [
      'an empty tracestate',
      (w: Wire) => ((w.metadata.trace as Record<string, unknown>).tracestate = ''),
      'metadata.trace.tracestate: must be a W3C tracestate (1 to 512 printable ASCII characters)',
    ],
    [
      'a numeric global position',
      (w: Wire) => (w.globalPosition = 5 as never),
      'globalPosition: must be a decimal string of at most 18 digits',
    ],
    [
      'a global position beyond bigint',
      (w: Wire) => (w.globalPosition = '99999999999999999999' as never),
      'globalPosition: must be a decimal string of at most 18 digits',
    ],
    ['a zero stream position', (w: Wire) => (w.streamPosition = 0 as never), 'streamPosition: must be an integer >= 1'],
    [
      'a negative transaction id',
      (w: Wire) => (w.transactionId = '-1' as never),
      'transactionId: must be a decimal string of an unsigned 64-bit integer',
    ],
    ['an unknown type', (w: Wire) => (w.type = 'SyncExploded' as never), 'type: unknown event type'],
    [
      'a type that is no subject token',
      (w: Wire) => (w.type = 'Sync.Requested' as never),
      'type: must be an event type name (letters, digits, _ or -)',
    ],
    [
      'an unknown version',
      (w: Wire) => (w.version = 2 as never),
      'version: unknown version of SyncJobBlocked (known: 1 to 1)',
    ],
    ['a fractional version', (w: Wire) => (w.version = 1.5 as never), 'version: must be an integer >= 1'],
    ['an extra envelope field', (w: Wire) => (w.extra = 'x' as never), 'extra: unknown field'],
    ['an extra metadata field', (w: Wire) => (w.metadata.userToken = 'x'), 'metadata.userToken: unknown field'],
    [
      'an extra trace field',
      (w: Wire) => ((w.metadata.trace as Record<string, unknown>).baggage = 'x'),
      'metadata.trace.baggage: unknown field',
    ],
    ['an extra data field', (w: Wire) => (w.data.extra = 'x'), 'data.extra: unknown field'],
    [
      'a bad payload field',
      (w: Wire) => (w.data.blockedUntil = 'soon'),
      'data.blockedUntil: must be an ISO-8601 UTC instant (YYYY-MM-DDTHH:mm:ss[.fff]Z)',
    ],
    ['missing data', (w: Wire) => delete w.data, 'data: is required'],
    [
      'a __proto__ key',
      (w: Wire) => Object.defineProperty(w.data, '__proto__', { value: { polluted: true }, enumerable: true }),
      'data.__proto__: unknown field',
    ],
  ])('rejects %s', (_what, mutate, reason) => {
    expect(reasonOf(edit(good() as Wire, mutate))).toBe(reason);
  });

  it('names the path to an unsafe key deep in a page, never echoing a field name that could be content', () => {
    const page = wireOf(current('ClioRecordsFetched')) as Wire;
    const records = page.data.records as Array<Record<string, unknown>>;
    records[0] = { ...records[0], 'the client memo': { notes: [{}, { constructor: 1 }] } };
    expect(reasonOf(page)).toBe('data.records.0.<field>.notes.1.constructor: unknown field');
  });

  it.each([
    ['all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['upper-case hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['version 00 with extra fields', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra'],
    ['missing flags', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7'],
  ])('rejects a traceparent with %s', (_what, traceparent) => {
    const raw = edit(good() as Wire, (w) => ((w.metadata.trace as Record<string, unknown>).traceparent = traceparent));
    expect(reasonOf(raw)).toBe(
      'metadata.trace.traceparent: must be a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>, ids not all zeros)',
    );
  });

  it('accepts a future traceparent version with extra fields, as W3C asks', () => {
    const raw = edit(
      good() as Wire,
      (w) =>
        ((w.metadata.trace as Record<string, unknown>).traceparent =
          '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-abc'),
    );
    expect(parseEnvelope(raw).ok).toBe(true);
  });

  it.each([[null], ['{}'], [[]], [42]])('rejects a body that is not an object: %j', (raw) => {
    expect(reasonOf(raw)).toBe('envelope: must be an object');
  });

  it('does not echo an unknown field name that does not look like an identifier', () => {
    expect(reasonOf({ ...good(), 'the privileged memo text': 1 })).toBe('<field>: unknown field');
  });

  it('never puts payload or envelope values into a reason', () => {
    const marker = fc.string({ minLength: 1, maxLength: 30 }).map((s) => `ZQX${s}`);
    const fieldPath = fc.constantFrom(
      ['data', 'jobId'],
      ['data', 'reason'],
      ['data', 'blockedUntil'],
      ['data', 'extra'],
      ['metadata', 'firmId'],
      ['metadata', 'correlationId'],
      ['metadata', 'occurredAt'],
      ['metadata', 'causationId'],
      ['eventId'],
      ['type'],
      ['streamId'],
      ['globalPosition'],
    );
    const shape = fc.constantFrom(
      (m: string) => m,
      (m: string) => [m],
      (m: string) => ({ kind: m }),
      (m: string) => ({ [m.replace(/\W/g, '_')]: m }),
      (m: string) => m.length,
    );
    fc.assert(
      fc.property(marker, fieldPath, shape, (m, path, wrap) => {
        const raw = edit(good(), (w) => {
          const target = path
            .slice(0, -1)
            .reduce((o, k) => o[k] as Record<string, unknown>, w as Record<string, unknown>);
          target[path[path.length - 1]] = wrap(m);
        });
        const r = parseEnvelope(raw);
        return r.ok || !r.reason.includes(m);
      }),
      { numRuns: 300 },
    );
  });
});
