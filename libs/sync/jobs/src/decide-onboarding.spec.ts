import type { NewCatalogueEvent } from '@sf/contracts';
import { DeciderSpecification } from '@sf/testing';
import { decideOnboarding, onboardingSettingOf, type OnboardingOutcome, type SetOnboarding } from './decide-onboarding';
import type { RequestRejection } from './resync';
import { evolveScope, foldScope, initialScopeState, type ScopeState } from './scope-state';
import { EVENT_IDS, FIRM, MINUTE, NOW, ago, meta, requested } from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';
import { SyncScope } from './sync-scope';

const spec = DeciderSpecification.for<ScopeState, SetOnboarding, SyncLogEvent, OnboardingOutcome | RequestRejection>(
  { decide: decideOnboarding, evolve: evolveScope, initialState: initialScopeState },
  { eventsOf: (o) => ('appends' in o ? o.appends.flatMap((a) => a.events) : []) as SyncLogEvent[], now: NOW },
);

const set = (phased: boolean, recentMonths: number | null): SetOnboarding => ({
  ...meta(),
  options: { phased, recentMonths },
  changedBy: 'user-1',
});

const changed = (expected: number | 'no_stream', phased: boolean, recentMonths: number | null) => ({
  streamId: `sync-scope-${FIRM}-firm`,
  streamType: 'sync_scope' as const,
  expected,
  events: [
    {
      eventId: EVENT_IDS[0],
      type: 'OnboardingSettingChanged',
      version: 1,
      data: { scope: { kind: 'firm' }, phased, recentMonths, changedBy: 'user-1' },
      metadata: { firmId: FIRM, correlationId: 'corr', causationId: null, occurredAt: NOW.toISOString() },
    } as unknown as NewCatalogueEvent,
  ],
});

describe("decideOnboarding: a firm's stored onboarding setting", () => {
  it('stores a setting on the firm scope stream at the version read', () => {
    spec
      .given([])
      .when(set(true, 12))
      .thenReturns({ setting: { phased: true, recentMonths: 12 }, appends: [changed('no_stream', true, 12)] });
    spec
      .given([requested('j1', ago(MINUTE), 'first_login', SyncScope.firm())])
      .when(set(false, null))
      .thenReturns({ setting: { phased: false, recentMonths: null }, appends: [changed(1, false, null)] });
  });

  it('appends nothing when the setting is already stored, and folds the stored one', () => {
    spec
      .given([])
      .when(set(true, 6))
      .then(changed('no_stream', true, 6).events as unknown as SyncLogEvent[]);
    const stored = foldScope(changed('no_stream', true, 6).events as unknown as SyncLogEvent[]);
    expect(onboardingSettingOf(stored)).toEqual({ phased: true, recentMonths: 6 });
    expect(decideOnboarding(set(true, 6), stored, NOW)).toEqual({
      setting: { phased: true, recentMonths: 6 },
      appends: [],
    });
    expect(onboardingSettingOf(initialScopeState())).toEqual({ phased: true, recentMonths: null });
  });

  it.each<[string, number | null, boolean, string]>([
    ['a window of 0 months', 0, true, 'recentMonths must be an integer from 1 to 120, or null'],
    ['a window over ten years', 121, true, 'recentMonths must be an integer from 1 to 120, or null'],
    ['a fractional window', 1.5, true, 'recentMonths must be an integer from 1 to 120, or null'],
    ['a window without phases', 12, false, 'recentMonths needs a phased sync (phased must be true)'],
  ])('rejects %s, naming recentMonths', (_name, recentMonths, phased, message) => {
    spec.given([]).when(set(phased, recentMonths)).thenReturns({ rejected: true, field: 'recentMonths', message });
  });
});
