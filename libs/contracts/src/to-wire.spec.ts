import { CATALOGUE, catalogueEntries } from './catalogue';
import { parseEnvelope } from './parse-envelope';
import { recorded } from './spec-fixtures';
import { toWire, wireBodyOf } from './to-wire';
import type { EventType } from './wire-names';

// Postgres prints jsonb with a space after every colon and comma: the body must carry that text as it is.
const asJsonbText = (v: unknown): string => JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');

describe('wireBodyOf', () => {
  it.each(catalogueEntries().map((d) => [d.type as EventType]))(
    'is toWire with the payload copied from its text, for %s',
    (type) => {
      const e = recorded(
        type,
        CATALOGUE[type].currentVersion,
        CATALOGUE[type].examples[CATALOGUE[type].currentVersion],
      );
      const body = wireBodyOf(e, asJsonbText(e.data));
      expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(toWire(e))));
      expect(parseEnvelope(JSON.parse(body))).toEqual({ ok: true, value: e });
    },
  );

  it('never parses the payload text (it is copied byte for byte)', () => {
    const e = recorded('SyncJobResumed', 1, null, {
      metadata: { firmId: 'f', correlationId: 'c', causationId: null, occurredAt: '2026-01-05T10:00:00Z' },
    });
    const text = '{"jobId": "j",  "note": "a \\"quoted\\" value"}';
    expect(wireBodyOf(e, text).endsWith(`"data":${text}}`)).toBe(true);
  });
});
