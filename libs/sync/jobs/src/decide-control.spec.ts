import type { NewCatalogueEvent } from '@sf/contracts';
import { DeciderSpecification } from '@sf/testing';
import { decideControl, type ControlJob, type ControlOutcome } from './decide-control';
import type { JobTail } from './job-tail';
import { evolveScope, initialScopeState, type ScopeState } from './scope-state';
import { EVENT_IDS, FIRM, MATTER, MINUTE, NOW, ago, completed, ev, meta, requested, tail } from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';

const spec = DeciderSpecification.for<ScopeState, ControlJob, SyncLogEvent, ControlOutcome>(
  { decide: decideControl, evolve: evolveScope, initialState: initialScopeState },
  { eventsOf: (o) => (o.ok ? (o.appends.flatMap((a) => a.events) as SyncLogEvent[]) : []), now: NOW },
);

const RUNNING = tail(
  4,
  ev('SyncProgressed', { jobId: 'j1', entityType: 'documents', fetched: 200, total: 500 }, ago(MINUTE)),
);
const PAUSED = tail(5, ev('SyncJobPaused', { jobId: 'j1', reason: 'Stopped by user' }, ago(MINUTE)));
const NOT_STARTED = tail(0, null);

const control = (c: ControlJob['control'], t: JobTail): ControlJob => ({
  ...meta(),
  control: c,
  jobId: 'j1',
  scope: MATTER,
  reason: 'Stopped by user',
  requestedBy: 'user-1',
  tail: t,
});

const decided = (index: number, type: string, data: object): NewCatalogueEvent =>
  ({
    eventId: EVENT_IDS[index],
    type,
    version: 1,
    data,
    metadata: { firmId: FIRM, correlationId: 'corr', causationId: null, occurredAt: NOW.toISOString() },
  }) as unknown as NewCatalogueEvent;
const JOB = { streamId: 'sync-job-j1', streamType: 'sync_job' } as const;
const SCOPE = { streamId: `sync-scope-${FIRM}-matter-m-1`, streamType: 'sync_scope' } as const;
const open = [requested('j1', ago(10 * MINUTE))];
const ended = [...open, completed('j1', ago(MINUTE))];

describe('decideControl: stop, resume, cancel, reset', () => {
  it('stop pauses a running job on its job stream, at the version read, so the worker is fenced', () => {
    spec
      .given(open)
      .when(control('stop', RUNNING))
      .thenReturns({
        ok: true,
        state: 'paused',
        appends: [
          { ...JOB, expected: 4, events: [decided(0, 'SyncJobPaused', { jobId: 'j1', reason: 'Stopped by user' })] },
        ],
      });
  });

  it("stop of a job no worker has started yet creates its job stream (the worker's first append then conflicts)", () => {
    spec
      .given(open)
      .when(control('stop', NOT_STARTED))
      .thenReturns({
        ok: true,
        state: 'paused',
        appends: [
          {
            ...JOB,
            expected: 'no_stream',
            events: [decided(0, 'SyncJobPaused', { jobId: 'j1', reason: 'Stopped by user' })],
          },
        ],
      });
  });

  it('resume continues a paused job', () => {
    spec
      .given(open)
      .when(control('resume', PAUSED))
      .thenReturns({
        ok: true,
        state: 'running',
        appends: [{ ...JOB, expected: 5, events: [decided(0, 'SyncJobResumed', { jobId: 'j1' })] }],
      });
  });

  it('cancel closes the job in its scope stream and fences the worker in the same decision', () => {
    spec
      .given(open)
      .when(control('cancel', RUNNING))
      .thenReturns({
        ok: true,
        state: 'cancelled',
        appends: [
          {
            ...SCOPE,
            expected: 1,
            events: [decided(0, 'SyncJobCancelled', { jobId: 'j1', scope: MATTER, reason: 'Stopped by user' })],
          },
          { ...JOB, expected: 4, events: [decided(1, 'SyncJobPaused', { jobId: 'j1', reason: 'cancelled' })] },
        ],
      });
  });

  it('cancel of a paused job needs no second pause', () => {
    spec
      .given(open)
      .when(control('cancel', PAUSED))
      .then([
        decided(0, 'SyncJobCancelled', { jobId: 'j1', scope: MATTER, reason: 'Stopped by user' }),
      ] as SyncLogEvent[]);
  });

  it('reset of an active job cancels it and resets the bookmarks in one scope append', () => {
    spec
      .given(open)
      .when(control('reset', PAUSED))
      .thenReturns({
        ok: true,
        state: 'cancelled',
        appends: [
          {
            ...SCOPE,
            expected: 1,
            events: [
              decided(0, 'SyncJobCancelled', { jobId: 'j1', scope: MATTER, reason: 'Stopped by user' }),
              decided(2, 'SyncBookmarksReset', { jobId: 'j1', scope: MATTER, requestedBy: 'user-1' }),
            ],
          },
        ],
      });
  });

  it('reset of an ended job only resets the bookmarks of its scope', () => {
    spec
      .given(ended)
      .when(control('reset', RUNNING))
      .thenReturns({
        ok: true,
        state: null,
        appends: [
          {
            ...SCOPE,
            expected: 2,
            events: [decided(2, 'SyncBookmarksReset', { jobId: 'j1', scope: MATTER, requestedBy: 'user-1' })],
          },
        ],
      });
  });

  it.each([
    ['stop of an ended job', ended, control('stop', RUNNING), 'not_active'],
    ['resume of an ended job', ended, control('resume', PAUSED), 'not_active'],
    ['cancel of an ended job', ended, control('cancel', RUNNING), 'not_active'],
    ['cancel of a job the scope never opened', [], control('cancel', RUNNING), 'not_active'],
    ['stop of a paused job', open, control('stop', PAUSED), 'already_paused'],
    ['resume of a running job', open, control('resume', RUNNING), 'not_paused'],
    [
      'resume of a job waiting out a rate limit',
      open,
      control(
        'resume',
        tail(
          6,
          ev('SyncJobBlocked', { jobId: 'j1', reason: 'rate limit', blockedUntil: NOW.toISOString() }, ago(MINUTE)),
        ),
      ),
      'not_paused',
    ],
  ] as const)('refuses %s', (_name, given, cmd, reason) => {
    spec.given(given).when(cmd).thenReturns({ ok: false, reason });
  });
});
