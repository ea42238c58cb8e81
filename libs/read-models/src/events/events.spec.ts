import { asProcessingJobEvent } from './processing-job-events';
import { asSyncJobEvent } from './sync-job-events';
import { normaliseInstant } from './position';

describe('event narrowing', () => {
  it('types a well-formed sync-job event and defaults optional nulls', () => {
    expect(asSyncJobEvent({ type: 'SyncJobStarted', data: { jobId: 'j', scope: { kind: 'matter', matterId: 'm' }, entityTypes: ['documents'] } }))
      .toEqual({ type: 'SyncJobStarted', jobId: 'j', scope: { kind: 'matter', matterId: 'm' }, entityTypes: ['documents'], estimatedTotal: null });
  });

  it('returns null for other event types and for payloads without the documented shape', () => {
    expect(asSyncJobEvent({ type: 'JobStarted', data: { jobId: 'j' } })).toBeNull();
    expect(asSyncJobEvent({ type: 'SyncProgressed', data: { jobId: 'j', entityType: 'documents', fetched: -1 } })).toBeNull();
    expect(asSyncJobEvent({ type: 'SyncRequested', data: { jobId: 'j', scope: { kind: 'matter' } } })).toBeNull();
    expect(asProcessingJobEvent({ type: 'JobStarted', data: { jobId: 'p', matterId: 'm', documentIds: [1, 2] } })).toBeNull();
    expect(asProcessingJobEvent({ type: 'toString', data: { jobId: 'p' } })).toBeNull();
  });

  it('types processing-job events', () => {
    expect(asProcessingJobEvent({ type: 'JobCompleted', data: { jobId: 'p', processed: 1, skipped: 2, failed: 0 } }))
      .toEqual({ type: 'JobCompleted', jobId: 'p', processed: 1, skipped: 2, failed: 0 });
  });

  it('normalises instants to millisecond ISO and rejects garbage', () => {
    expect(normaliseInstant('2026-11-23T10:00:00.123456+01:00')).toBe('2026-11-23T09:00:00.123Z');
    expect(normaliseInstant('soon')).toBeNull();
  });
});
