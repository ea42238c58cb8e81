import { etaErrorAtHalf } from './eta-error';
import { MINUTE, NOW, completed, ev, failed, requested } from './spec-fixtures';

const T0 = new Date(NOW.getTime() - 30 * MINUTE);
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * MINUTE);
const started = ev(
  'SyncJobStarted',
  { jobId: 'j1', scope: { kind: 'matter', matterId: 'm-1' }, entityTypes: ['documents'], estimatedTotal: 1000 },
  at(1),
);
const page = (fetched: number, minute: number) =>
  ev(
    'SyncProgressed',
    { jobId: 'j1', entityType: 'documents', fetched, total: 1000, cursor: null, mode: 'full' },
    at(minute),
  );

describe('etaErrorAtHalf: how far the ETA at 50% was off, once the job completed', () => {
  it('takes the ETA of the first event at or past half-way and the time from there to completion', () => {
    // At 600 of 1000: 400 left = 2 pages (seconds of budget), but the job has run 3 minutes at 200 records a minute and
    // the ETA takes the slower of the two: 400 / 200 min = 2 min.
    const events = [requested('j1', at(0)), started, page(200, 2), page(600, 4), page(800, 5), page(1000, 9)];
    expect(etaErrorAtHalf([...events, completed('j1', at(10))])).toEqual({
      predictedMs: 2 * MINUTE,
      actualMs: 6 * MINUTE,
    });
  });

  it('has nothing to say about a job that did not complete, or never got to half-way before completing', () => {
    const events = [requested('j1', at(0)), started, page(200, 2), page(600, 4)];
    expect(etaErrorAtHalf([...events, failed('j1', at(10))])).toBeNull();
    expect(etaErrorAtHalf(events)).toBeNull();
    expect(etaErrorAtHalf([requested('j1', at(0)), started, page(200, 2), completed('j1', at(3))])).toBeNull();
  });
});
