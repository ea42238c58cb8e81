import { currentVersionOf, isEventType, type RecordedEvent } from '@sf/contracts';
import { asProcessingJobEvent } from './processing-job-events';
import { asSyncJobEvent } from './sync-job-events';
import { normaliseInstant } from './position';

const recorded = (
  type: string,
  data: unknown,
  version = isEventType(type) ? currentVersionOf(type) : 1,
): RecordedEvent => ({
  eventId: '00000000-0000-4000-8000-000000000001',
  type,
  version,
  data,
  metadata: { firmId: 'f', correlationId: 'c', causationId: null, occurredAt: '2026-11-23T10:00:00Z' },
  streamId: 's',
  streamPosition: 1,
  globalPosition: '1',
  transactionId: '1',
});

describe('event narrowing', () => {
  it('types a well-formed current-version sync-job event', () => {
    const data = {
      jobId: 'j',
      scope: { kind: 'matter', matterId: 'm' },
      entityTypes: ['documents'],
      estimatedTotal: null,
    };
    expect(asSyncJobEvent(recorded('SyncJobStarted', data))).toEqual({
      ...recorded('SyncJobStarted', data),
      type: 'SyncJobStarted',
      data,
    });
  });

  it('upcasts an older version through the contracts (SyncRequested v1 -> v2)', () => {
    expect(
      asSyncJobEvent(recorded('SyncRequested', { jobId: 'j', trigger: 'manual', matterId: '1001' }, 1)),
    ).toMatchObject({ type: 'SyncRequested', data: { jobId: 'j', scope: { kind: 'matter', matterId: '1001' } } });
    expect(asSyncJobEvent(recorded('SyncRequested', { jobId: 'j', trigger: 'nonsense' }, 1))).toBeNull();
  });

  it('returns null for other event types and for payloads without the documented shape', () => {
    expect(asSyncJobEvent(recorded('JobStarted', { jobId: 'j' }))).toBeNull();
    expect(
      asSyncJobEvent(recorded('SyncProgressed', { jobId: 'j', entityType: 'documents', fetched: -1, total: null })),
    ).toBeNull();
    expect(asSyncJobEvent(recorded('SyncRequested', { jobId: 'j', scope: { kind: 'matter' } }))).toBeNull();
    expect(asSyncJobEvent(recorded('SyncJobCompleted', { jobId: 'j', counts: {} }))).toBeNull();
    expect(
      asProcessingJobEvent(recorded('JobStarted', { jobId: 'p', matterId: 'm', folderId: null, documentIds: [1, 2] })),
    ).toBeNull();
    expect(asProcessingJobEvent(recorded('toString', { jobId: 'p' }))).toBeNull();
  });

  it('types processing-job events', () => {
    const data = { jobId: 'p', processed: 1, skipped: 2, failed: 0 };
    expect(asProcessingJobEvent(recorded('JobCompleted', data))).toEqual({
      ...recorded('JobCompleted', data),
      type: 'JobCompleted',
      data,
    });
  });

  it('normalises instants to millisecond ISO and rejects garbage', () => {
    expect(normaliseInstant('2026-11-23T10:00:00.123456+01:00')).toBe('2026-11-23T09:00:00.123Z');
    expect(normaliseInstant('soon')).toBeNull();
  });
});
