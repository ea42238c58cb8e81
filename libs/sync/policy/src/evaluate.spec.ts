import { SyncTriggers, type SyncTrigger } from '@sf/contracts';
import { evaluate } from './evaluate';
import { syncPolicyConfig } from './sync-policy-config';
import { SyncDecision } from './sync-decision';
import { ConnectionStatus, SyncPolicyState } from './sync-policy-state';
import { budget, givenState, HOUR, MINUTE, NOW, runningJob, SECOND } from './sync-policy-state.fixture';

interface Row {
  given: string;
  state: SyncPolicyState;
  when: SyncTrigger;
  then: SyncDecision;
}

const ALL_TRIGGERS = Object.values(SyncTriggers);
const cases = (rows: Row[]) => rows;
const title = 'given $given, when $when, then $then.action $then.reason';

describe('evaluate: connection', () => {
  const blocked = [
    ['needs_reauth', 'needs_reauth'],
    ['revoked', 'connection_revoked'],
    ['missing', 'connection_missing'],
  ] as const;
  it.each(
    blocked.flatMap(([status, reason]) =>
      ALL_TRIGGERS.map((trigger) => ({
        given: `connection ${status}`,
        state: givenState({ connection: { status } }),
        when: trigger,
        then: { action: 'block', reason } as SyncDecision,
      })),
    ),
  )(title, ({ state, when, then }) => {
    expect(evaluate(state, when, NOW)).toEqual(then);
  });

  it.each(
    cases([
      {
        given: 'needs_reauth and a stalled job (reconnecting outranks restarting)',
        state: givenState({
          connection: { status: ConnectionStatus.NeedsReauth },
          activeJob: runningJob({ lastProgressAt: NOW - 2 * HOUR }),
        }),
        when: 'maintenance',
        then: { action: 'block', reason: 'needs_reauth' },
      },
      {
        given: 'revoked and nothing to sync',
        state: givenState({ connection: { status: 'revoked' }, hasSomethingToSync: false }),
        when: 'schedule',
        then: { action: 'block', reason: 'connection_revoked' },
      },
    ]),
  )(title, ({ state, when, then }) => {
    expect(evaluate(state, when, NOW)).toEqual(then);
  });
});

describe('evaluate: first-sync-only triggers and nothing to sync', () => {
  it.each(
    cases([
      {
        given: 'never synced',
        state: givenState({ lastSyncedAt: null }),
        when: 'process_click',
        then: { action: 'start', reason: 'ok' },
      },
      {
        given: 'already synced',
        state: givenState(),
        when: 'process_click',
        then: { action: 'skip', reason: 'already_synced' },
      },
      {
        given: 'never synced',
        state: givenState({ lastSyncedAt: null }),
        when: 'first_login',
        then: { action: 'start', reason: 'ok' },
      },
      {
        given: 'already synced',
        state: givenState(),
        when: 'first_login',
        then: { action: 'skip', reason: 'already_synced' },
      },
      {
        given: 'never synced but the first sync is running',
        state: givenState({ lastSyncedAt: null, activeJob: runningJob() }),
        when: 'process_click',
        then: { action: 'skip', reason: 'already_syncing', metadata: { activeJobId: 'job-1' } },
      },
      {
        given: 'already synced and nothing to sync',
        state: givenState({ hasSomethingToSync: false }),
        when: 'first_login',
        then: { action: 'skip', reason: 'already_synced' },
      },
      ...(['schedule', 'webhook'] as const).map((when) => ({
        given: 'nothing to sync',
        state: givenState({ hasSomethingToSync: false }),
        when,
        then: { action: 'skip', reason: 'nothing_to_sync' } as SyncDecision,
      })),
      {
        given: 'never synced, matter does not exist',
        state: givenState({ lastSyncedAt: null, hasSomethingToSync: false }),
        when: 'process_click',
        then: { action: 'skip', reason: 'nothing_to_sync' },
      },
      {
        given: 'nothing to sync, inside the cooldown',
        state: givenState({ hasSomethingToSync: false, lastManualRequestAt: NOW - 10 * SECOND }),
        when: 'manual',
        then: { action: 'skip', reason: 'nothing_to_sync' },
      },
    ]),
  )(title, ({ state, when, then }) => {
    expect(evaluate(state, when, NOW)).toEqual(then);
  });
});

describe('evaluate: manual cooldown and stale bypass', () => {
  const fresh = NOW - 10 * SECOND;
  it.each(
    cases([
      {
        given: 'no earlier manual sync',
        state: givenState({ lastSyncedAt: fresh }),
        when: 'manual',
        then: { action: 'start', reason: 'ok' },
      },
      {
        given: 'a manual sync 18 s ago, fresh data',
        state: givenState({ lastSyncedAt: fresh, lastManualRequestAt: NOW - 18 * SECOND }),
        when: 'manual',
        then: { action: 'block', reason: 'cooldown', metadata: { cooldownMs: 42 * SECOND, retryAfterMs: 42 * SECOND } },
      },
      {
        given: 'a manual sync exactly 60 s ago',
        state: givenState({ lastSyncedAt: fresh, lastManualRequestAt: NOW - MINUTE }),
        when: 'manual',
        then: { action: 'start', reason: 'ok' },
      },
      {
        given: 'a manual sync 18 s ago, data exactly 24 h old',
        state: givenState({ lastSyncedAt: NOW - 24 * HOUR, lastManualRequestAt: NOW - 18 * SECOND }),
        when: 'manual',
        then: { action: 'start', reason: 'stale_bypass' },
      },
      {
        given: 'a manual sync 18 s ago, data 1 ms short of stale',
        state: givenState({ lastSyncedAt: NOW - 24 * HOUR + 1, lastManualRequestAt: NOW - 18 * SECOND }),
        when: 'manual',
        then: { action: 'block', reason: 'cooldown', metadata: { cooldownMs: 42 * SECOND, retryAfterMs: 42 * SECOND } },
      },
      {
        given: 'a manual sync 18 s ago whose sync failed (never synced)',
        state: givenState({ lastSyncedAt: null, lastManualRequestAt: NOW - 18 * SECOND }),
        when: 'manual',
        then: { action: 'start', reason: 'stale_bypass' },
      },
      {
        given: 'a manual request stamped 5 s in the future (clock skew)',
        state: givenState({ lastSyncedAt: fresh, lastManualRequestAt: NOW + 5 * SECOND }),
        when: 'manual',
        then: { action: 'block', reason: 'cooldown', metadata: { cooldownMs: MINUTE, retryAfterMs: MINUTE } },
      },
      ...(['webhook', 'schedule', 'maintenance', 'first_login', 'process_click'] as const).map((trigger) => ({
        given: 'a manual sync 18 s ago (cooldown is for manual only), never synced',
        state: givenState({ lastSyncedAt: null, lastManualRequestAt: NOW - 18 * SECOND }),
        when: trigger,
        then: { action: 'start', reason: 'ok' } as SyncDecision,
      })),
      {
        given: 'inside the cooldown with the budget exhausted (cooldown reported first)',
        state: givenState({
          lastSyncedAt: fresh,
          lastManualRequestAt: NOW - 50 * SECOND,
          budget: budget({ remaining: 0 }),
        }),
        when: 'manual',
        then: { action: 'block', reason: 'cooldown', metadata: { cooldownMs: 10 * SECOND, retryAfterMs: 10 * SECOND } },
      },
      {
        given: 'stale bypass with the budget exhausted',
        state: givenState({
          lastSyncedAt: null,
          lastManualRequestAt: NOW - 18 * SECOND,
          budget: budget({ remaining: 0 }),
        }),
        when: 'manual',
        then: {
          action: 'block',
          reason: 'rate_budget_exhausted',
          metadata: { blockedUntil: NOW + 30 * SECOND, retryAfterMs: 30 * SECOND },
        },
      },
    ]),
  )(title, ({ state, when, then }) => {
    expect(evaluate(state, when, NOW)).toEqual(then);
  });

  it('given a 10 min cooldown override, when manual 4 min after the last, then blocks for the 6 min left', () => {
    const config = syncPolicyConfig({ manualCooldownMs: 10 * MINUTE });
    const state = givenState({ lastSyncedAt: NOW - 4 * MINUTE, lastManualRequestAt: NOW - 4 * MINUTE });
    expect(evaluate(state, 'manual', NOW, config)).toEqual({
      action: 'block',
      reason: 'cooldown',
      metadata: { cooldownMs: 6 * MINUTE, retryAfterMs: 6 * MINUTE },
    });
  });

  it('given a 1 h stale override, when manual inside the cooldown on 2 h old data, then bypasses', () => {
    const config = syncPolicyConfig({ staleAfterMs: HOUR });
    const state = givenState({ lastSyncedAt: NOW - 2 * HOUR, lastManualRequestAt: NOW - 18 * SECOND });
    expect(evaluate(state, 'manual', NOW, config)).toEqual({ action: 'start', reason: 'stale_bypass' });
  });

  it('given a zero cooldown, when manual right after the last, then starts', () => {
    const state = givenState({ lastSyncedAt: NOW, lastManualRequestAt: NOW });
    expect(evaluate(state, 'manual', NOW, syncPolicyConfig({ manualCooldownMs: 0 }))).toEqual({
      action: 'start',
      reason: 'ok',
    });
  });
});
