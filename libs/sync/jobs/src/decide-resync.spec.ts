import type { NewCatalogueEvent } from '@sf/contracts';
import { DeciderSpecification } from '@sf/testing';
import { decideRequest, decideResync, type RequestOutcome, type RequestSync } from './decide-request';
import { evolveScope, initialScopeState, type ScopeState } from './scope-state';
import type { RequestRejection } from './resync';
import { EVENT_IDS, FIRM, MINUTE, NOW, ago, completed, facts, meta, requested } from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';
import { SyncScope } from './sync-scope';

// Re-sync of one entity type and the phased onboarding plan, decided by the scope decider.
const KNOWN = ['users', 'matters', 'contacts', 'documents', 'activities'];
const FIRM_SCOPE = SyncScope.firm();
const NEW_JOB = 'job-new';

type Cmd = RequestSync & { readonly resync: NonNullable<RequestSync['resync']> };
const resyncSpec = DeciderSpecification.for<ScopeState, Cmd, SyncLogEvent, RequestOutcome | RequestRejection>(
  { decide: decideResync, evolve: evolveScope, initialState: initialScopeState },
  { eventsOf: (o) => ('appends' in o ? (o.appends.flatMap((a) => a.events) as SyncLogEvent[]) : []), now: NOW },
);
const requestSpec = DeciderSpecification.for<ScopeState, RequestSync, SyncLogEvent, RequestOutcome>(
  { decide: decideRequest, evolve: evolveScope, initialState: initialScopeState },
  { eventsOf: (o) => o.appends.flatMap((a) => a.events) as SyncLogEvent[], now: NOW },
);

const base = (over: Partial<RequestSync> = {}): RequestSync => ({
  ...meta(),
  scope: FIRM_SCOPE,
  trigger: 'manual',
  requestedBy: 'user-1',
  jobId: NEW_JOB,
  facts: facts(),
  ...over,
});
const resync = (entityType: string, over: Partial<RequestSync> = {}): Cmd => ({
  ...base(over),
  resync: { entityType, known: KNOWN },
});

/** The SyncRequested a decision appends, in its wire form (literal, not built by the code under test). */
const requestedEvent = (expected: number | 'no_stream', data: object) => ({
  streamId: `sync-scope-${FIRM}-firm`,
  streamType: 'sync_scope' as const,
  expected,
  events: [
    {
      eventId: EVENT_IDS[0],
      type: 'SyncRequested',
      version: 3,
      data: { jobId: NEW_JOB, scope: { kind: 'firm' }, trigger: 'manual', requestedBy: 'user-1', ...data },
      metadata: { firmId: FIRM, correlationId: 'corr', causationId: null, occurredAt: NOW.toISOString() },
    } as unknown as NewCatalogueEvent,
  ],
});
const synced = [
  requested('j1', ago(60 * MINUTE), 'first_login', FIRM_SCOPE),
  completed('j1', ago(30 * MINUTE), FIRM_SCOPE),
];

describe('decideResync: re-sync of one entity type of a firm', () => {
  it('opens a job for that type only, listed in full whatever its bookmark (and never phased)', () => {
    resyncSpec
      .given(synced)
      .when(resync('contacts'))
      .thenReturns({
        decision: { action: 'start', reason: 'ok' },
        jobId: NEW_JOB,
        appends: [requestedEvent(2, { entityTypes: ['contacts'], fullListing: true })],
      });
    resyncSpec
      .given([])
      .when(resync('documents'))
      .thenReturns({
        decision: { action: 'start', reason: 'ok' },
        jobId: NEW_JOB,
        appends: [requestedEvent('no_stream', { entityTypes: ['documents'], fullListing: true })],
      });
  });

  it('rejects an unknown entity type, naming the field and not echoing the value', () => {
    resyncSpec.given(synced).when(resync('invoices<script>')).thenReturns({
      rejected: true,
      field: 'entityType',
      message: 'entityType must be one of users, matters, contacts, documents, activities',
    });
  });

  it('rejects a matter scope: a re-sync of one type covers the firm', () => {
    resyncSpec
      .given([])
      .when(resync('documents', { scope: SyncScope.matter('m-1') }))
      .thenReturns({ rejected: true, field: 'scope', message: 'a re-sync of one entity type covers the whole firm' });
  });

  it('is refused like any firm request while a firm job runs (nothing appended)', () => {
    resyncSpec
      .given([requested('busy', ago(MINUTE), 'schedule', FIRM_SCOPE)])
      .when(resync('contacts'))
      .thenNothingHappened();
  });

  it('treats an unchecked re-sync passed to decideRequest as a bug', () => {
    requestSpec
      .given([])
      .when(resync('nope'))
      .thenThrows((e) => /not checked/.test(String(e)));
  });
});

describe('decideRequest: the phased onboarding plan', () => {
  it('plans a firm that never synced in phases, with the recent window measured back from now when asked', () => {
    requestSpec
      .given([])
      .when(base({ onboarding: { phased: true, recentMonths: 12 } }))
      .thenReturns({
        decision: { action: 'start', reason: 'ok' },
        jobId: NEW_JOB,
        appends: [requestedEvent('no_stream', { phased: true, recentSince: '2025-01-01T12:00:00.000Z' })],
      });
  });

  it('does not phase a firm that has synced before, a firm asked not to be, or a matter', () => {
    requestSpec
      .given(synced)
      .when(base({ onboarding: { phased: true, recentMonths: 6 } }))
      .thenReturns({ decision: { action: 'start', reason: 'ok' }, jobId: NEW_JOB, appends: [requestedEvent(2, {})] });
    requestSpec
      .given([])
      .when(base({ onboarding: { phased: false, recentMonths: null } }))
      .thenReturns({
        decision: { action: 'start', reason: 'ok' },
        jobId: NEW_JOB,
        appends: [requestedEvent('no_stream', {})],
      });
    const matter = decideRequest(base({ scope: SyncScope.matter('m-1') }), initialScopeState(), NOW);
    expect(matter.appends[0]!.events[0]!.data).not.toHaveProperty('phased');
  });
});
