import { SyncScope } from './sync-scope';
import { evolveJob, type JobView } from './job-view';
import { MINUTE, ago, ev, requested } from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';

const T0 = ago(10 * MINUTE);
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * MINUTE);
const fold = (events: SyncLogEvent[]): JobView | null =>
  [requested('j1', T0, 'first_login', SyncScope.firm()), ...events].reduce<JobView | null>(evolveJob, null);

const started = (extra: Record<string, unknown> = {}) =>
  ev(
    'SyncJobStarted',
    {
      jobId: 'j1',
      scope: SyncScope.firm(),
      entityTypes: ['matters', 'documents', 'activities'],
      estimatedTotal: 12_000,
      estimates: { matters: 1_000, documents: 10_000, activities: 1_000 },
      phases: [
        { phase: 'core', entityTypes: ['matters'] },
        { phase: 'historical', entityTypes: ['documents', 'activities'] },
      ],
      recentSince: '2025-06-01T00:00:00.000Z',
      ...extra,
    },
    at(1),
  );
const page = (entityType: string, fetched: number, total: number | null, cursor: string | null, recent: boolean) =>
  ev(
    'SyncProgressed',
    { jobId: 'j1', entityType, fetched, total, cursor, mode: 'full', ...(recent ? { window: 'recent' } : {}) },
    at(2),
  );

describe('job view: the recent windows of a recent-first job', () => {
  it('starts a window per recent-first entity type of the job, with its pre-sync count when there is one', () => {
    const v = fold([started({ recentEstimates: { documents: 900 } })]);
    expect(v?.progress).toEqual({
      documents: { fetched: 0, total: null, recent: { fetched: 0, total: 900, done: false } },
      activities: { fetched: 0, total: null, recent: { fetched: 0, total: null, done: false } },
    });
  });

  it('a job without a recent window (or not phased) has none', () => {
    expect(fold([started({ recentSince: undefined })])?.progress).toEqual({});
    expect(fold([started({ phases: undefined })])?.progress).toEqual({});
  });

  it("keeps a window's pages apart from the complete listing, and closes the window on its last page", () => {
    const v = fold([
      started({ recentEstimates: { documents: 900 } }),
      page('documents', 200, 950, 'https://app.clio.com/api/v4/documents.json?page_token=x', true),
    ]);
    expect(v?.progress['documents']).toEqual({
      fetched: 0,
      total: null,
      recent: { fetched: 200, total: 950, done: false },
    });
    const done = fold([started(), page('documents', 950, null, null, true)]);
    expect(done?.progress['documents']?.recent).toEqual({ fetched: 950, total: null, done: true });
  });

  it("the complete listing's first page means its window is over (a window closed without a last page of its own)", () => {
    const v = fold([started({ recentEstimates: { documents: 900 } }), page('documents', 200, 10_000, 'next', false)]);
    expect(v?.progress['documents']).toEqual({
      fetched: 200,
      total: 10_000,
      recent: { fetched: 0, total: 900, done: true },
    });
  });
});
