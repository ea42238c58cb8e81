import type { NewCatalogueEvent } from '@sf/contracts';
import { DeciderSpecification } from '@sf/testing';
import { decidePrioritise, type PrioritiseEntityType, type PrioritiseOutcome } from './decide-prioritise';
import type { JobTail } from './job-tail';
import { evolveScope, initialScopeState, type ScopeState } from './scope-state';
import { EVENT_IDS, FIRM, MINUTE, NOW, ago, completed, ev, meta, requested, tail } from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';

const spec = DeciderSpecification.for<ScopeState, PrioritiseEntityType, SyncLogEvent, PrioritiseOutcome>(
  { decide: decidePrioritise, evolve: evolveScope, initialState: initialScopeState },
  { eventsOf: (o) => (o.ok ? (o.appends.flatMap((a) => a.events) as SyncLogEvent[]) : []), now: NOW },
);

const RUNNING = tail(7, ev('SyncProgressed', { jobId: 'j1', entityType: 'matters', fetched: 200, total: 500 }));
const prioritise = (entityType: string, t: JobTail = RUNNING, types: string[] | null = ['matters', 'documents']) => ({
  ...meta(),
  jobId: 'j1',
  entityType,
  entityTypes: types,
  requestedBy: 'user-1',
  tail: t,
});
const open = [requested('j1', ago(10 * MINUTE))];

describe('decidePrioritise: move an entity type to the front of a running job', () => {
  it('appends SyncEntityTypePrioritised to the job stream at the version read (the worker re-reads at its next page)', () => {
    spec
      .given(open)
      .when(prioritise('documents'))
      .thenReturns({
        ok: true,
        appends: [
          {
            streamId: 'sync-job-j1',
            streamType: 'sync_job',
            expected: 7,
            events: [
              {
                eventId: EVENT_IDS[0],
                type: 'SyncEntityTypePrioritised',
                version: 1,
                data: { jobId: 'j1', entityType: 'documents', requestedBy: 'user-1' },
                metadata: { firmId: FIRM, correlationId: 'corr', causationId: null, occurredAt: NOW.toISOString() },
              } as unknown as NewCatalogueEvent,
            ],
          },
        ],
      });
  });

  it('refuses an entity type the job does not list', () => {
    spec.given(open).when(prioritise('tasks')).thenReturns({ ok: false, reason: 'not_in_job' });
  });

  it('refuses a job no worker has started (its plan does not exist yet)', () => {
    spec
      .given(open)
      .when(prioritise('documents', tail(0, null), null))
      .thenReturns({ ok: false, reason: 'not_started' });
  });

  it('refuses a job that has ended', () => {
    spec
      .given([...open, completed('j1', ago(MINUTE))])
      .when(prioritise('documents'))
      .thenReturns({ ok: false, reason: 'not_active' });
  });
});
