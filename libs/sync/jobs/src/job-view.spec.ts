import { DeciderSpecification } from '@sf/testing';
import { evolveJob, type JobView } from './job-view';
import { MATTER, MINUTE, NOW, SECOND, ago, cancelled, completed, ev, failed, requested } from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';

// The job-state evolve as a given/when/then: "when view" returns the view the given events fold to.
const spec = DeciderSpecification.for<JobView | null, 'view', SyncLogEvent, JobView | null>(
  { decide: (_query, view) => view, evolve: evolveJob, initialState: () => null },
  { eventsOf: () => [] },
);

const T0 = ago(10 * MINUTE);
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * MINUTE);
const ms = (d: Date): number => d.getTime();

const base: JobView = {
  jobId: 'j1',
  firmId: 'firm-1',
  scope: MATTER,
  trigger: 'manual',
  requestedBy: 'user-1',
  state: 'requested',
  entityTypes: null,
  progress: {},
  estimates: null,
  estimatedTotal: null,
  counts: null,
  blockedUntil: null,
  requestedAt: ms(T0),
  startedAt: null,
  completedAt: null,
  lastProgressAt: ms(T0),
  errorCode: null,
  errorMessage: null,
  controlReason: null,
  stalled: false,
  stallCount: 0,
  phases: null,
  availableFeatures: [],
  unavailableFeatures: {},
};
const started = ev(
  'SyncJobStarted',
  { jobId: 'j1', scope: MATTER, entityTypes: ['folders', 'documents'], estimatedTotal: 900 },
  at(1),
);
const page = (fetched: number, minute: number) =>
  ev(
    'SyncProgressed',
    { jobId: 'j1', entityType: 'documents', fetched, total: 700, cursor: null, mode: 'full' },
    at(minute),
  );
const blockedUntil = new Date(NOW.getTime() + 30 * SECOND);
const blocked = ev(
  'SyncJobBlocked',
  { jobId: 'j1', reason: 'Clio rate limit', blockedUntil: blockedUntil.toISOString() },
  at(3),
);
const running = {
  ...base,
  state: 'running' as const,
  startedAt: ms(at(1)),
  entityTypes: ['folders', 'documents'],
  estimatedTotal: 900,
  lastProgressAt: ms(at(1)),
};

describe('evolveJob: the job-state evolve', () => {
  it.each<[string, SyncLogEvent[], JobView | null]>([
    ['nothing before SyncRequested', [started], null],
    ['requested', [requested('j1', T0)], base],
    ['running once started', [requested('j1', T0), started], running],
    [
      'per-page progress per entity type',
      [requested('j1', T0), started, page(200, 2)],
      { ...running, progress: { documents: { fetched: 200, total: 700 } }, lastProgressAt: ms(at(2)) },
    ],
    [
      'blocked with blocked_until',
      [requested('j1', T0), started, blocked],
      { ...running, state: 'blocked', blockedUntil: ms(blockedUntil) },
    ],
    [
      'resumed clears blocked_until and counts as progress',
      [requested('j1', T0), started, blocked, ev('SyncJobResumed', { jobId: 'j1' }, at(4))],
      { ...running, lastProgressAt: ms(at(4)) },
    ],
    [
      'paused with its reason',
      [requested('j1', T0), started, ev('SyncJobPaused', { jobId: 'j1', reason: 'lunch' }, at(2))],
      { ...running, state: 'paused', controlReason: 'lunch' },
    ],
    [
      'stalled flag until the next page',
      [
        requested('j1', T0),
        started,
        ev('SyncJobStalled', { jobId: 'j1', lastProgressAt: at(1).toISOString(), stalledForMs: 1 }, at(5)),
      ],
      { ...running, stalled: true, stallCount: 1 },
    ],
    [
      'stalled flag cleared by progress, count kept',
      [
        requested('j1', T0),
        started,
        ev('SyncJobStalled', { jobId: 'j1', lastProgressAt: at(1).toISOString(), stalledForMs: 1 }, at(5)),
        page(400, 6),
      ],
      { ...running, stallCount: 1, progress: { documents: { fetched: 400, total: 700 } }, lastProgressAt: ms(at(6)) },
    ],
    [
      'completed with counts',
      [requested('j1', T0), started, page(700, 2), completed('j1', at(3))],
      {
        ...running,
        state: 'completed',
        progress: { documents: { fetched: 700, total: 700 } },
        lastProgressAt: ms(at(2)),
        completedAt: ms(at(3)),
        counts: { documents: 3 },
      },
    ],
    [
      'failed with code and message',
      [requested('j1', T0), started, failed('j1', at(3))],
      {
        ...running,
        state: 'failed',
        completedAt: ms(at(3)),
        errorCode: 'clio_unavailable',
        errorMessage: 'Clio was down',
      },
    ],
    [
      'cancelled stays cancelled despite the fencing pause after it',
      [
        requested('j1', T0),
        started,
        cancelled('j1', at(3)),
        ev('SyncJobPaused', { jobId: 'j1', reason: 'cancelled' }, at(3)),
      ],
      { ...running, state: 'cancelled', completedAt: ms(at(3)), controlReason: 'Stopped by user' },
    ],
    [
      'events of another job change nothing',
      [
        requested('j1', T0),
        ev('SyncJobStarted', { jobId: 'other', scope: MATTER, entityTypes: [], estimatedTotal: null }, at(1)),
      ],
      base,
    ],
    ['a duplicate request changes nothing', [requested('j1', T0), started, requested('j1', at(2))], running],
  ])('%s', (_name, given, expected) => {
    spec.given(given).when('view').thenReturns(expected);
  });

  it('reads per-entity-type estimates when the fetcher sends them', () => {
    const withEstimates = ev(
      'SyncJobStarted',
      { jobId: 'j1', scope: MATTER, entityTypes: ['documents'], estimatedTotal: 700 },
      at(1),
    );
    (withEstimates.data as { estimates?: unknown }).estimates = { documents: 700 };
    expect(evolveJob(evolveJob(null, requested('j1', T0)), withEstimates)?.estimates).toEqual({ documents: 700 });
  });

  it('marks a forbidden entity type with its reason, keeps it through later progress, and completes', () => {
    const forbidden = ev(
      'SyncEntityForbidden',
      {
        jobId: 'j1',
        entityType: 'folders',
        reason: 'Clio does not let this connection read folders',
        detail: 'HTTP 403',
      },
      at(2),
    );
    const closing = ev(
      'SyncProgressed',
      { jobId: 'j1', entityType: 'folders', fetched: 0, total: null, cursor: null, mode: 'full' },
      at(3),
    );
    const done = ev('SyncJobCompleted', { jobId: 'j1', scope: MATTER, counts: { folders: 0, documents: 700 } }, at(4));
    const view = [requested('j1', T0), started, page(700, 2), forbidden, closing, done].reduce<JobView | null>(
      evolveJob,
      null,
    );
    expect(view?.state).toBe('completed');
    expect(view?.progress['folders']).toEqual({
      fetched: 0,
      total: null,
      forbidden: 'Clio does not let this connection read folders',
    });
    expect(view?.progress['documents']).toEqual({ fetched: 700, total: 700 });
  });

  it('keeps why a pre-sync count is unknown (SyncJobStarted.unknownEstimates) through the listing that follows', () => {
    const withUnknown = ev(
      'SyncJobStarted',
      {
        jobId: 'j1',
        scope: MATTER,
        entityTypes: ['folders', 'documents'],
        estimatedTotal: null,
        estimates: { folders: 50 },
        unknownEstimates: [{ entityType: 'documents', reason: 'Clio sent no meta.records' }],
      },
      at(1),
    );
    const started1 = evolveJob(evolveJob(null, requested('j1', T0)), withUnknown);
    expect(started1?.progress).toEqual({
      documents: { fetched: 0, total: null, unknownTotal: 'Clio sent no meta.records' },
    });
    const unknownPage = ev(
      'SyncProgressed',
      { jobId: 'j1', entityType: 'documents', fetched: 200, total: null, cursor: 'https://x/p2', mode: 'full' },
      at(2),
    );
    expect(evolveJob(started1, unknownPage)?.progress['documents']).toEqual({
      fetched: 200,
      total: null,
      unknownTotal: 'Clio sent no meta.records',
    });
  });
});
