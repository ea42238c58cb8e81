import { newEvent, validateNewEvent } from './new-event';
import { metadata } from './spec-fixtures';

const eventId = '0f8b9c1e-2d3a-4b5c-8d6e-7f8091a2b3c4';
const data = { jobId: 'j', scope: { kind: 'firm' as const }, trigger: 'manual' as const };

describe('newEvent / validateNewEvent', () => {
  it('builds a valid event at the current version', () => {
    expect(newEvent({ eventId, type: 'SyncRequested', data, metadata: metadata() })).toEqual({
      ok: true,
      value: { eventId, type: 'SyncRequested', version: 3, data, metadata: metadata() },
    });
  });

  it('rejects an invalid payload, so it is never appended', () => {
    const r = newEvent({
      eventId,
      type: 'SyncRequested',
      data: { ...data, scope: { kind: 'office' as never } },
      metadata: metadata(),
    });
    expect(r).toEqual({ ok: false, reason: 'data.scope.kind: must be one of firm, matter' });
  });

  it('rejects bad envelope fields', () => {
    expect(validateNewEvent({ eventId: 'x', type: 'SyncRequested', version: 3, data, metadata: metadata() })).toEqual({
      ok: false,
      reason: 'eventId: must be a UUID',
    });
    expect(
      validateNewEvent({ eventId, type: 'SyncRequested', version: 3, data, metadata: metadata({ firmId: 'a b' }) }),
    ).toEqual({
      ok: false,
      reason: 'metadata.firmId: must be a firm id of 1 to 128 letters, digits, _ or -',
    });
    expect(
      validateNewEvent({
        eventId,
        type: 'SyncRequested',
        version: 3,
        data,
        metadata: metadata({ trace: { traceparent: 'nope' } }),
      }).ok,
    ).toBe(false);
  });

  it('only appends the current version of a type', () => {
    const old = {
      eventId,
      type: 'SyncRequested',
      version: 1,
      data: { jobId: 'j', trigger: 'manual' },
      metadata: metadata(),
    };
    expect(validateNewEvent(old)).toEqual({
      ok: false,
      reason: 'version: must be the current version 3 of SyncRequested',
    });
  });

  it('rejects an unknown type and anything that is not part of the envelope', () => {
    expect(validateNewEvent({ eventId, type: 'Nope', version: 1, data: {}, metadata: metadata() })).toEqual({
      ok: false,
      reason: 'type: unknown event type',
    });
    const extra = { eventId, type: 'SyncRequested', version: 3, data, metadata: metadata(), streamId: 's' };
    expect(validateNewEvent(extra)).toEqual({ ok: false, reason: 'streamId: unknown field' });
  });

  it('accepts metadata with the optional trace left out as undefined', () => {
    const r = validateNewEvent({
      eventId,
      type: 'SyncRequested',
      version: 3,
      data,
      metadata: { ...metadata(), trace: undefined },
    });
    expect(r.ok && r.value.metadata).toEqual({
      firmId: 'firm-42',
      correlationId: 'corr-1',
      causationId: null,
      occurredAt: '2026-01-05T10:00:00.000Z',
    });
  });
});
