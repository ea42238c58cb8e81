import type { RecordedCatalogueEvent } from './catalogue-event';
import { parseEnvelope } from './parse-envelope';
import { isEventOf, readEvent, readEventOf } from './read-event';
import { recorded, wireOf } from './spec-fixtures';
import { EventTypes } from './wire-names';

const started = {
  jobId: 'job-1',
  scope: { kind: 'matter', matterId: '1001' },
  entityTypes: ['documents'],
  estimatedTotal: 12,
};
const swept = {
  jobId: 'job-1',
  matterId: '1001',
  listed: 3,
  softDeletedIds: ['7'],
  restoredIds: [],
  heldForReview: false,
};

describe('readEvent, the one typed reader of recorded events', () => {
  it('narrows the payload on type', () => {
    const read = readEvent(recorded('SyncJobStarted', 1, started));
    if (!read.ok) throw new Error(read.reason);
    const matterOf = (e: RecordedCatalogueEvent): string | null =>
      e.type === 'SyncJobStarted' && e.data.scope.kind === 'matter' ? (e.data.scope.matterId ?? null) : null;
    expect(matterOf(read.value)).toBe('1001');
    expect(read.value).toEqual(recorded('SyncJobStarted', 4, started));
  });

  it('upcasts an old version to the current one', () => {
    const read = readEvent(recorded('SyncRequested', 1, { jobId: 'j', trigger: 'manual', matterId: 'm-1' }));
    expect(read).toEqual({
      ok: true,
      value: {
        ...recorded('SyncRequested', 3, { jobId: 'j', scope: { kind: 'matter', matterId: 'm-1' }, trigger: 'manual' }),
      },
    });
  });

  it('reads a stored DocumentsSwept as RecordsSwept (the type was renamed; its payload was not), upcast to the current version', () => {
    expect(readEvent(recorded('DocumentsSwept', 1, swept))).toEqual({
      ok: true,
      value: recorded('RecordsSwept', 2, swept),
    });
    const parsed = parseEnvelope(wireOf(recorded('DocumentsSwept', 1, swept)));
    expect(parsed.ok && parsed.value.type).toBe('RecordsSwept');
  });

  it('returns invalid data as a value with a field-level reason, never the payload', () => {
    expect(readEvent(recorded('SyncJobStarted', 1, { ...started, estimatedTotal: -1 }))).toEqual({
      ok: false,
      reason: 'data.estimatedTotal: must be an integer >= 0',
    });
    expect(readEvent(recorded('SyncJobStarted', 1, { ...started, secret: 'x' }))).toEqual({
      ok: false,
      reason: 'data.secret: unknown field',
    });
    expect(readEvent(recorded('Nonsense', 1, {}))).toEqual({ ok: false, reason: 'type: unknown event type' });
    expect(readEvent(recorded('SyncJobStarted', 9, started)).ok).toBe(false);
  });

  it('reads only the types a reader folds: null for others, without validating them', () => {
    const types = new Set([EventTypes.SyncJobStarted, EventTypes.RecordsSwept] as const);
    expect(readEventOf(recorded('SyncProgressed', 1, { garbage: true }), types)).toBeNull();
    expect(readEventOf(recorded('DocumentsSwept', 1, swept), types)).toEqual({
      ok: true,
      value: recorded('RecordsSwept', 2, swept),
    });
    expect(readEventOf(recorded('SyncJobStarted', 1, {}), types)?.ok).toBe(false);
    const read = readEvent(recorded('SyncJobStarted', 1, started));
    expect(read.ok && isEventOf(read.value, types)).toBe(true);
  });
});
