import { newEvent, type CatalogueEvent } from '@sf/contracts';
import { decideWrite, type WriteCommand } from './decide-write';
import { evolveWrite, foldWrite } from './evolve-write';
import type { WriteLogEvent } from './write-event';
import type { WriteRequest, WriteState } from './write-state';

let n = 0;
const recorded = (e: CatalogueEvent, at = '2026-12-03T10:00:00.000Z'): WriteLogEvent => {
  const built = newEvent({
    eventId: `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
    type: e.type,
    data: e.data,
    metadata: { firmId: 'firm-1', correlationId: 'c', causationId: null, occurredAt: at },
  });
  if (!built.ok) throw new Error(built.reason);
  return {
    ...built.value,
    streamId: 's',
    streamPosition: n,
    globalPosition: String(n),
    transactionId: '1',
  } as WriteLogEvent;
};

const REQUEST: WriteRequest = {
  writeId: 'w-1',
  idempotencyKey: 'k-1',
  entityType: 'matters',
  operation: 'update',
  recordId: '1001',
  matterId: '1001',
  contactId: null,
  values: { description: 'Mine', status: 'Closed' },
  baseEtag: '"e1"',
  baseValues: { description: 'Seen', status: 'Open' },
  requestedBy: 'user-1',
};

/** Decides `c` on `s` and folds the events in: the state after the command. */
const step = (s: WriteState | null, c: WriteCommand): WriteState | null => {
  const d = decideWrite(s, c);
  if (d.rejected) throw new Error(d.reason);
  return d.events.map((e) => recorded(e)).reduce(evolveWrite, s);
};
const requested = (): WriteState => step(null, { kind: 'request', request: REQUEST }) as WriteState;

describe('a write-back stream', () => {
  it('is pending once requested, and the same request again is the same write (no event)', () => {
    const s = requested();
    expect(s).toMatchObject({ status: 'pending', values: REQUEST.values, attempts: 0, outcomeUnknown: false });
    expect(decideWrite(s, { kind: 'request', request: { ...REQUEST, values: { description: 'other' } } })).toEqual({
      rejected: false,
      events: [],
    });
  });

  it('marks a sent create as of unknown outcome until Clio answers', () => {
    const attempted = step(step(requested(), { kind: 'attempt' }), { kind: 'attempt' });
    expect(attempted).toMatchObject({ attempts: 2, outcomeUnknown: true });
    const applied = step(attempted, {
      kind: 'outcome',
      outcome: { kind: 'applied', recordId: '77', record: { id: 77, etag: '"x"' }, how: 'adopted' },
    });
    expect(applied).toMatchObject({ status: 'applied', recordId: '77', outcomeUnknown: false });
  });

  it('ignores an outcome after a final one, and any attempt', () => {
    const failed = step(requested(), { kind: 'outcome', outcome: { kind: 'refused', status: 422, reason: 'bad' } });
    expect(failed).toMatchObject({ status: 'failed', reason: 'bad' });
    const late = { kind: 'applied', recordId: '1', record: null, how: 'sent' } as const;
    expect(decideWrite(failed, { kind: 'outcome', outcome: late })).toEqual({ rejected: false, events: [] });
    expect(decideWrite(failed, { kind: 'attempt' })).toEqual({ rejected: false, events: [] });
  });

  it('fails a write of a revoked connection with the reason and no status', () => {
    const s = step(requested(), { kind: 'outcome', outcome: { kind: 'revoked', reason: 'connection revoked' } });
    expect(s).toMatchObject({ status: 'failed', reason: 'connection revoked' });
  });

  it('resends after a 412 when Clio changed only fields the write leaves alone', () => {
    const current = { id: 1001, etag: '"e2"', description: 'Seen', status: 'Open', location: 'changed in Clio' };
    const d = decideWrite(requested(), { kind: 'outcome', outcome: { kind: 'precondition_failed', current } });
    expect(d).toEqual({
      rejected: false,
      events: [],
      resend: { kind: 'resend', values: REQUEST.values, etag: '"e2"' },
    });
  });

  it('records a conflict with both versions when Clio changed a field the write changes', () => {
    const current = { id: 1001, etag: '"e2"', description: 'Theirs', status: 'Open' };
    const s = step(requested(), { kind: 'outcome', outcome: { kind: 'precondition_failed', current } });
    expect(s).toMatchObject({
      status: 'conflicted',
      conflict: {
        fields: ['description'],
        mine: { description: 'Mine' },
        theirs: { description: 'Theirs' },
        currentEtag: '"e2"',
      },
    });
  });

  it('resolves a conflict: keep mine sends mine against the current etag, keep Clio drops it, edit needs values', () => {
    const current = { id: 1001, etag: '"e2"', description: 'Theirs', status: 'Open' };
    const conflicted = step(requested(), { kind: 'outcome', outcome: { kind: 'precondition_failed', current } });
    expect(step(conflicted, { kind: 'resolve', resolution: 'keep_mine', values: null, by: 'u' })).toMatchObject({
      status: 'pending',
      values: REQUEST.values,
      baseEtag: '"e2"',
      baseValues: { description: 'Theirs', status: 'Open' },
    });
    expect(step(conflicted, { kind: 'resolve', resolution: 'keep_clio', values: null, by: 'u' })).toMatchObject({
      status: 'discarded',
    });
    expect(decideWrite(conflicted, { kind: 'resolve', resolution: 'edit', values: null, by: 'u' })).toEqual({
      rejected: true,
      reason: 'values_required',
    });
    expect(
      step(conflicted, { kind: 'resolve', resolution: 'edit', values: { description: 'Both' }, by: 'u' }),
    ).toMatchObject({ status: 'pending', values: { description: 'Both' } });
    expect(decideWrite(requested(), { kind: 'resolve', resolution: 'keep_mine', values: null, by: 'u' })).toEqual({
      rejected: true,
      reason: 'not_conflicted',
    });
  });

  it('compares custom field values by custom field, and references by id', () => {
    const req: WriteRequest = {
      ...REQUEST,
      values: { custom_field_values: [{ custom_field: { id: 7 }, value: 'new' }] },
      baseValues: { custom_field_values: [{ custom_field: { id: 7 }, value: 'old' }] },
    };
    const s = step(null, { kind: 'request', request: req });
    const current = {
      id: 1001,
      etag: '"e3"',
      custom_field_values: [
        { id: 'text_line-1', custom_field: { id: 7 }, value: 'old' },
        { id: 'text_line-2', custom_field: { id: 8 }, value: 'changed' },
      ],
    };
    const d = decideWrite(s, { kind: 'outcome', outcome: { kind: 'precondition_failed', current } });
    expect(d.rejected === false && d.resend?.etag).toBe('"e3"');
  });

  it('folds nothing before a request', () => {
    expect(foldWrite([recorded({ type: 'ClioWriteAttempted', data: { writeId: 'w-1', attempt: 1 } })])).toBeNull();
  });
});
