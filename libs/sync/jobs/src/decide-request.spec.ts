import type { NewCatalogueEvent } from '@sf/contracts';
import { DeciderSpecification } from '@sf/testing';
import { decideRequest, type RequestOutcome, type RequestSync } from './decide-request';
import type { ScopeFacts } from './policy-state';
import { evolveScope, foldScope, initialScopeState, type ScopeState } from './scope-state';
import {
  EVENT_IDS,
  FIRM,
  MATTER,
  MINUTE,
  NOW,
  SECOND,
  ago,
  budget,
  completed,
  ev,
  facts,
  failed,
  meta,
  requested,
  tail,
} from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';
import { SyncScope } from './sync-scope';

const spec = DeciderSpecification.for<ScopeState, RequestSync, SyncLogEvent, RequestOutcome>(
  { decide: decideRequest, evolve: evolveScope, initialState: initialScopeState },
  { eventsOf: (o) => o.appends.flatMap((a) => a.events) as SyncLogEvent[], now: NOW },
);

const NEW_JOB = 'job-new';
const request = (overrides: Partial<RequestSync> = {}): RequestSync => ({
  ...meta(),
  scope: MATTER,
  trigger: 'manual',
  requestedBy: 'user-1',
  jobId: NEW_JOB,
  facts: facts(),
  ...overrides,
});

/** The wire form of the event a decision appends (literal, so the spec does not reuse the code under test). */
const decided = (index: number, type: string, version: number, data: object): NewCatalogueEvent =>
  ({
    eventId: EVENT_IDS[index],
    type,
    version,
    data,
    metadata: { firmId: FIRM, correlationId: 'corr', causationId: null, occurredAt: NOW.toISOString() },
  }) as unknown as NewCatalogueEvent;

const opened = (expected: number | 'no_stream', scope: SyncScope = MATTER, trigger = 'manual', extra: object = {}) => ({
  streamId: scope.kind === 'firm' ? `sync-scope-${FIRM}-firm` : `sync-scope-${FIRM}-matter-m-1`,
  streamType: 'sync_scope' as const,
  expected,
  events: [decided(0, 'SyncRequested', 3, { jobId: NEW_JOB, scope, trigger, requestedBy: 'user-1', ...extra })],
});

describe('decideRequest: the scope decider', () => {
  it('opens a job on a scope that never synced, expecting the stream not to exist', () => {
    spec
      .given([])
      .when(request())
      .thenReturns({ decision: { action: 'start', reason: 'ok' }, jobId: NEW_JOB, appends: [opened('no_stream')] });
  });

  it('opens the next job at the version it read once the last one ended', () => {
    spec
      .given([requested('j1', ago(2 * MINUTE)), completed('j1', ago(90 * SECOND))])
      .when(request())
      .thenReturns({ decision: { action: 'start', reason: 'ok' }, jobId: NEW_JOB, appends: [opened(2)] });
  });

  it('opens a firm-wide job on the firm scope stream, phased since the firm never synced', () => {
    spec
      .given([])
      .when(request({ scope: SyncScope.firm(), trigger: 'first_login' }))
      .thenReturns({
        decision: { action: 'start', reason: 'ok' },
        jobId: NEW_JOB,
        appends: [opened('no_stream', SyncScope.firm(), 'first_login', { phased: true })],
      });
  });

  it("takes the firm's stored onboarding setting when the request does not say (first_login), and the request's when it does", () => {
    const stored = ev('OnboardingSettingChanged', {
      scope: SyncScope.firm(),
      phased: true,
      recentMonths: 12,
      changedBy: 'user-1',
    });
    const recentSince = '2025-01-01T12:00:00.000Z';
    spec
      .given([stored])
      .when(request({ scope: SyncScope.firm(), trigger: 'first_login' }))
      .thenReturns({
        decision: { action: 'start', reason: 'ok' },
        jobId: NEW_JOB,
        appends: [opened(1, SyncScope.firm(), 'first_login', { phased: true, recentSince })],
      });
    spec
      .given([stored])
      .when(request({ scope: SyncScope.firm(), onboarding: { phased: false } }))
      .thenReturns({
        decision: { action: 'start', reason: 'ok' },
        jobId: NEW_JOB,
        appends: [opened(1, SyncScope.firm())],
      });
    spec
      .given([stored])
      .when(request({ scope: SyncScope.firm(), onboarding: { recentMonths: 1 } }))
      .thenReturns({
        decision: { action: 'start', reason: 'ok' },
        jobId: NEW_JOB,
        appends: [opened(1, SyncScope.firm(), 'manual', { phased: true, recentSince: '2025-12-01T12:00:00.000Z' })],
      });
  });

  type Row = [string, SyncLogEvent[], Partial<RequestSync>, RequestOutcome['decision'], string | null];
  const firmBusy = foldScope([requested('firm-job', ago(MINUTE), 'schedule', SyncScope.firm())]);
  const stalledFacts = (lastAt: Date, kind: 'progress' | 'paused' = 'progress'): ScopeFacts =>
    facts({
      activeJob: {
        jobId: 'j1',
        tail: tail(
          7,
          kind === 'paused'
            ? ev('SyncJobPaused', { jobId: 'j1', reason: 'Stopped by user' }, lastAt)
            : ev('SyncProgressed', { jobId: 'j1', entityType: 'documents', fetched: 400, total: 900 }, lastAt),
        ),
      },
    });
  const rows: Row[] = [
    [
      'an open job answers already_syncing with that job',
      [requested('j1', ago(MINUTE))],
      {},
      { action: 'skip', reason: 'already_syncing', metadata: { activeJobId: 'j1' } },
      'j1',
    ],
    [
      'a firm-wide job refuses a matter sync',
      [],
      { facts: facts({ firmScope: firmBusy }) },
      { action: 'skip', reason: 'already_syncing', metadata: { activeJobId: 'firm-job' } },
      'firm-job',
    ],
    [
      'a manual request inside the cooldown is throttled',
      [requested('j1', ago(40 * SECOND)), completed('j1', ago(30 * SECOND))],
      {},
      { action: 'block', reason: 'cooldown', metadata: { cooldownMs: 20 * SECOND, retryAfterMs: 20 * SECOND } },
      null,
    ],
    [
      'first login after a completed sync is skipped',
      [requested('j1', ago(2 * MINUTE)), completed('j1', ago(MINUTE))],
      { trigger: 'first_login' },
      { action: 'skip', reason: 'already_synced' },
      null,
    ],
    [
      'process click for a matter covered by a completed firm sync is skipped',
      [],
      {
        trigger: 'process_click',
        facts: facts({
          firmScope: foldScope([
            requested('f', ago(9 * MINUTE), 'schedule', SyncScope.firm()),
            completed('f', ago(8 * MINUTE), SyncScope.firm()),
          ]),
        }),
      },
      { action: 'skip', reason: 'already_synced' },
      null,
    ],
    [
      'a connection that needs re-authorisation blocks',
      [],
      { facts: facts({ connection: 'needs_reauth' }) },
      { action: 'block', reason: 'needs_reauth' },
      null,
    ],
    [
      'an unknown connection blocks',
      [],
      { facts: facts({ connection: 'missing' }) },
      { action: 'block', reason: 'connection_missing' },
      null,
    ],
    [
      'an exhausted rate budget blocks until the window resets',
      [],
      { facts: facts({ budget: budget({ remaining: 2 }) }) },
      {
        action: 'block',
        reason: 'rate_budget_exhausted',
        metadata: { blockedUntil: NOW.getTime() + 30 * SECOND, retryAfterMs: 30 * SECOND },
      },
      null,
    ],
    [
      'a job waiting out a rate limit answers blocked_until',
      [requested('j1', ago(MINUTE))],
      {
        facts: facts({
          activeJob: {
            jobId: 'j1',
            tail: tail(
              3,
              ev(
                'SyncJobBlocked',
                {
                  jobId: 'j1',
                  reason: 'rate limit',
                  blockedUntil: new Date(NOW.getTime() + 45 * SECOND).toISOString(),
                },
                ago(SECOND),
              ),
            ),
          },
        }),
      },
      {
        action: 'block',
        reason: 'blocked_until',
        metadata: { activeJobId: 'j1', blockedUntil: NOW.getTime() + 45 * SECOND, retryAfterMs: 45 * SECOND },
      },
      'j1',
    ],
    [
      'maintenance leaves a paused job alone however old its last event',
      [requested('j1', ago(3 * 60 * MINUTE))],
      { trigger: 'maintenance', facts: stalledFacts(ago(2 * 60 * MINUTE), 'paused') },
      { action: 'skip', reason: 'already_syncing', metadata: { activeJobId: 'j1' } },
      'j1',
    ],
    [
      'maintenance leaves a job with recent progress alone',
      [requested('j1', ago(3 * 60 * MINUTE))],
      { trigger: 'maintenance', facts: stalledFacts(ago(MINUTE)) },
      { action: 'skip', reason: 'already_syncing', metadata: { activeJobId: 'j1' } },
      'j1',
    ],
    [
      'a failed last sync does not stop a new manual one',
      [requested('j1', ago(2 * MINUTE)), failed('j1', ago(MINUTE))],
      {},
      { action: 'start', reason: 'ok' },
      NEW_JOB,
    ],
  ];

  it.each(rows)('%s', (_name, given, overrides, decision, jobId) => {
    const outcome = decideRequest(request(overrides), given.reduce(evolveScope, initialScopeState()), NOW);
    expect(outcome.decision).toEqual(decision);
    expect(outcome.jobId).toBe(jobId);
    expect(outcome.appends).toHaveLength(decision.action === 'start' ? 1 : 0);
  });

  it('restarts a stalled job from its checkpoint: flag and resume on the job stream, at the version read', () => {
    const lastAt = ago(31 * MINUTE);
    spec
      .given([requested('j1', ago(60 * MINUTE))])
      .when(request({ trigger: 'maintenance', requestedBy: null, facts: stalledFacts(lastAt) }))
      .thenReturns({
        decision: { action: 'start', reason: 'stalled_restart', metadata: { restartJobId: 'j1' } },
        jobId: 'j1',
        appends: [
          {
            streamId: 'sync-job-j1',
            streamType: 'sync_job' as const,
            expected: 7,
            events: [
              decided(0, 'SyncJobStalled', 1, {
                jobId: 'j1',
                lastProgressAt: lastAt.toISOString(),
                stalledForMs: 31 * MINUTE,
              }),
              decided(1, 'SyncJobResumed', 1, { jobId: 'j1' }),
            ],
          },
        ],
      });
  });

  it('a refused request appends nothing, so it never extends the cooldown', () => {
    spec
      .given([requested('j1', ago(MINUTE))])
      .when(request())
      .thenNothingHappened();
  });

  it('counts only manual requests that opened a job toward the cooldown', () => {
    const state = foldScope([requested('j1', ago(50 * SECOND), 'webhook'), completed('j1', ago(40 * SECOND))]);
    expect(state.lastManualRequestAt).toBeNull();
    expect(decideRequest(request(), state, NOW).decision).toEqual({ action: 'start', reason: 'ok' });
  });
});
