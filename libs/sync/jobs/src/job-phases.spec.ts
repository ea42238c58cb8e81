import { DeciderSpecification } from '@sf/testing';
import { evolveJob, type JobView } from './job-view';
import { MINUTE, ago, ev, requested } from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';
import { SyncScope } from './sync-scope';

// The job view of a phased initial sync: which phases ran and which features are usable so far.
const spec = DeciderSpecification.for<JobView | null, 'view', SyncLogEvent, JobView | null>(
  { decide: (_query, view) => view, evolve: evolveJob, initialState: () => null },
  { eventsOf: () => [] },
);

const FIRM = SyncScope.firm();
const at = (minute: number): Date => ago((10 - minute) * MINUTE);
const PHASES = [
  { phase: 'core' as const, entityTypes: ['users', 'matters'] },
  { phase: 'historical' as const, entityTypes: ['documents'] },
];
const given = [
  requested('j1', at(0), 'first_login', FIRM),
  ev(
    'SyncJobStarted',
    { jobId: 'j1', scope: FIRM, entityTypes: ['users', 'matters', 'documents'], estimatedTotal: 90, phases: PHASES },
    at(1),
  ),
];
const progressed = (window?: 'recent') =>
  ev(
    'SyncProgressed',
    {
      jobId: 'j1',
      entityType: 'documents',
      fetched: 5,
      total: 5,
      cursor: null,
      mode: 'full',
      ...(window && { window }),
    },
    at(3),
  );
const phaseDone = (
  phase: 'core' | 'historical',
  features: ('matters' | 'documents' | 'recent_documents')[],
  window?: 'recent',
) =>
  ev(
    'SyncPhaseCompleted',
    {
      jobId: 'j1',
      phase,
      entityTypes: phase === 'core' ? ['users', 'matters'] : ['documents'],
      features,
      ...(window && { window }),
    },
    at(4),
  );

describe('evolveJob: phases and available features', () => {
  it('shows every planned phase pending and no feature before the first phase completes', () => {
    spec
      .given(given)
      .when('view')
      .thenReturns(
        expect.objectContaining({
          phases: [
            { phase: 'core', entityTypes: ['users', 'matters'], state: 'pending' },
            { phase: 'historical', entityTypes: ['documents'], state: 'pending' },
          ],
          availableFeatures: [],
        }) as unknown as JobView,
      );
  });

  it('marks a completed phase and adds its features, then the recent window of the next, then the rest', () => {
    spec
      .given([...given, phaseDone('core', ['matters']), phaseDone('historical', ['recent_documents'], 'recent')])
      .when('view')
      .thenReturns(
        expect.objectContaining({
          phases: [
            { phase: 'core', entityTypes: ['users', 'matters'], state: 'completed' },
            { phase: 'historical', entityTypes: ['documents'], state: 'recent_completed' },
          ],
          availableFeatures: ['matters', 'recent_documents'],
        }) as unknown as JobView,
      );
    spec
      .given([
        ...given,
        phaseDone('historical', ['recent_documents'], 'recent'),
        phaseDone('historical', ['documents']),
      ])
      .when('view')
      .thenReturns(
        expect.objectContaining({
          phases: [
            { phase: 'core', entityTypes: ['users', 'matters'], state: 'pending' },
            { phase: 'historical', entityTypes: ['documents'], state: 'completed' },
          ],
          availableFeatures: ['recent_documents', 'documents'],
        }) as unknown as JobView,
      );
  });

  it("counts only the complete listing as the entity type progress; the recent window's is kept apart", () => {
    spec
      .given([...given, progressed('recent')])
      .when('view')
      .thenReturns(
        expect.objectContaining({
          progress: { documents: { fetched: 0, total: null, recent: { fetched: 5, total: 5, done: true } } },
          lastProgressAt: at(3).getTime(),
        }) as unknown as JobView,
      );
    spec
      .given([...given, progressed('recent'), progressed()])
      .when('view')
      .thenReturns(
        expect.objectContaining({
          progress: { documents: { fetched: 5, total: 5, recent: { fetched: 5, total: 5, done: true } } },
        }) as unknown as JobView,
      );
  });

  it('leaves a job that is not phased without phases', () => {
    spec
      .given([requested('j1', at(0), 'manual', FIRM)])
      .when('view')
      .thenReturns(expect.objectContaining({ phases: null, availableFeatures: [] }) as unknown as JobView);
  });

  it('withholds a feature whose entity type Clio refused (403), with the reason, whenever the 403 comes', () => {
    const reason = 'Clio does not let this connection read documents';
    const forbidden = ev(
      'SyncEntityForbidden',
      { jobId: 'j1', entityType: 'documents', reason, detail: 'HTTP 403' },
      at(3),
    );
    const withheld = expect.objectContaining({
      availableFeatures: ['matters'],
      unavailableFeatures: { recent_documents: reason, documents: reason },
    }) as unknown as JobView;
    // Refused during the phase: its features never become available.
    spec
      .given([
        ...given,
        phaseDone('core', ['matters']),
        forbidden,
        phaseDone('historical', ['recent_documents'], 'recent'),
        phaseDone('historical', ['documents']),
      ])
      .when('view')
      .thenReturns(withheld);
    // Refused after a recent window made recent documents available (a later listing): taken back, with the reason.
    spec
      .given([
        ...given,
        phaseDone('core', ['matters']),
        phaseDone('historical', ['recent_documents'], 'recent'),
        forbidden,
        phaseDone('historical', ['documents']),
      ])
      .when('view')
      .thenReturns(withheld);
  });
});
