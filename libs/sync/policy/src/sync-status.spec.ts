import { syncPolicyConfig } from './sync-policy-config';
import { SyncPolicyState } from './sync-policy-state';
import { budget, givenState, HOUR, MINUTE, NOW, runningJob, SECOND } from './sync-policy-state.fixture';
import { SyncStatusState, SyncStatusView, toSyncStatus } from './sync-status';

const SYNCED = NOW - HOUR;
const UNAVAILABLE = 'Clio was unavailable during the last sync. Try again in a few minutes';

describe('toSyncStatus', () => {
  it('keeps the status wire names', () => {
    expect(SyncStatusState).toEqual({ Idle: 'idle', Syncing: 'syncing', Blocked: 'blocked', Error: 'error' });
  });

  it.each<{ given: string; state: SyncPolicyState; then: SyncStatusView }>([
    {
      given: 'a healthy idle matter',
      state: givenState(),
      then: { state: 'idle', canSyncNow: true, lastSyncedAt: SYNCED },
    },
    {
      given: 'a matter never synced',
      state: givenState({ lastSyncedAt: null }),
      then: { state: 'idle', canSyncNow: true },
    },
    {
      given: 'a running job with progress',
      state: givenState({ activeJob: runningJob({ progress: { current: 120, total: 400 } }) }),
      then: {
        state: 'syncing',
        canSyncNow: false,
        unavailableReason: 'already_syncing',
        activeJobProgress: { current: 120, total: 400 },
        lastSyncedAt: SYNCED,
      },
    },
    {
      given: 'a running job that has not reported progress',
      state: givenState({ activeJob: runningJob() }),
      then: { state: 'syncing', canSyncNow: false, unavailableReason: 'already_syncing', lastSyncedAt: SYNCED },
    },
    {
      given: 'a job waiting out a rate limit',
      state: givenState({ activeJob: runningJob({ state: 'blocked', blockedUntil: NOW + 90 * SECOND }) }),
      then: {
        state: 'blocked',
        canSyncNow: false,
        unavailableReason: 'blocked_until',
        blockedUntil: NOW + 90 * SECOND,
        lastSyncedAt: SYNCED,
      },
    },
    {
      given: 'a blocked job whose wait has ended',
      state: givenState({ activeJob: runningJob({ state: 'blocked', blockedUntil: NOW - SECOND }) }),
      then: { state: 'syncing', canSyncNow: false, unavailableReason: 'already_syncing', lastSyncedAt: SYNCED },
    },
    {
      given: 'a manual sync 18 s ago on fresh data',
      state: givenState({ lastSyncedAt: NOW - 10 * SECOND, lastManualRequestAt: NOW - 18 * SECOND }),
      then: {
        state: 'idle',
        canSyncNow: false,
        unavailableReason: 'cooldown',
        cooldownMs: 42 * SECOND,
        lastSyncedAt: NOW - 10 * SECOND,
      },
    },
    {
      given: 'a manual sync 18 s ago on day-old data (stale bypass)',
      state: givenState({ lastSyncedAt: NOW - 25 * HOUR, lastManualRequestAt: NOW - 18 * SECOND }),
      then: { state: 'idle', canSyncNow: true, lastSyncedAt: NOW - 25 * HOUR },
    },
    {
      given: 'an exhausted rate budget',
      state: givenState({ budget: budget({ remaining: 2 }) }),
      then: {
        state: 'idle',
        canSyncNow: false,
        unavailableReason: 'rate_budget_exhausted',
        blockedUntil: NOW + 30 * SECOND,
        lastSyncedAt: SYNCED,
      },
    },
    {
      given: 'only the reserve left (a person may spend it)',
      state: givenState({ budget: budget({ remaining: 14 }) }),
      then: { state: 'idle', canSyncNow: true, lastSyncedAt: SYNCED },
    },
    {
      given: 'a failure after the last success',
      state: givenState({ lastError: { code: 'clio_unavailable', occurredAt: SYNCED + 1 } }),
      then: { state: 'error', canSyncNow: true, lastSyncedAt: SYNCED, lastSyncError: UNAVAILABLE },
    },
    {
      given: 'a failure at the same instant as the last success',
      state: givenState({ lastError: { code: 'clio_unavailable', occurredAt: SYNCED } }),
      then: { state: 'idle', canSyncNow: true, lastSyncedAt: SYNCED },
    },
    {
      given: 'a failure before the last success',
      state: givenState({ lastError: { code: 'clio_unavailable', occurredAt: SYNCED - HOUR } }),
      then: { state: 'idle', canSyncNow: true, lastSyncedAt: SYNCED },
    },
    {
      given: 'a failed first sync with an unknown code',
      state: givenState({
        lastSyncedAt: null,
        lastError: { code: 'socket hang up at 10.0.0.7', occurredAt: NOW - MINUTE },
      }),
      then: {
        state: 'error',
        canSyncNow: true,
        lastSyncError: 'The last sync failed. Try again, or contact support if it keeps failing',
      },
    },
    {
      given: 'a failure, now being retried by a running job',
      state: givenState({ lastError: { code: 'clio_unavailable', occurredAt: SYNCED + 1 }, activeJob: runningJob() }),
      then: { state: 'syncing', canSyncNow: false, unavailableReason: 'already_syncing', lastSyncedAt: SYNCED },
    },
    {
      given: 'a connection that needs reauthorisation',
      state: givenState({ connection: { status: 'needs_reauth' } }),
      then: {
        state: 'error',
        canSyncNow: false,
        unavailableReason: 'needs_reauth',
        lastSyncedAt: SYNCED,
        lastSyncError: 'Reconnect Clio to continue syncing',
      },
    },
    {
      given: 'a revoked connection under a running job (the job cannot progress)',
      state: givenState({
        connection: { status: 'revoked' },
        activeJob: runningJob({ progress: { current: 3, total: 9 } }),
      }),
      then: {
        state: 'error',
        canSyncNow: false,
        unavailableReason: 'connection_revoked',
        activeJobProgress: { current: 3, total: 9 },
        lastSyncedAt: SYNCED,
        lastSyncError: 'Access to Clio was revoked. Reconnect Clio to continue syncing',
      },
    },
    {
      given: 'a firm that never connected Clio',
      state: givenState({ connection: { status: 'missing' }, lastSyncedAt: null }),
      then: {
        state: 'error',
        canSyncNow: false,
        unavailableReason: 'connection_missing',
        lastSyncError: 'Connect Clio to start syncing',
      },
    },
    {
      given: 'nothing to sync',
      state: givenState({ hasSomethingToSync: false }),
      then: { state: 'idle', canSyncNow: false, unavailableReason: 'nothing_to_sync', lastSyncedAt: SYNCED },
    },
  ])('given $given, then $then.state (canSyncNow $then.canSyncNow)', ({ state, then }) => {
    expect(toSyncStatus(state, NOW)).toStrictEqual(then);
  });

  it('given a config override, then cooldownMs follows it', () => {
    const state = givenState({ lastSyncedAt: NOW - MINUTE, lastManualRequestAt: NOW - MINUTE });
    expect(toSyncStatus(state, NOW).canSyncNow).toBe(true);
    expect(toSyncStatus(state, NOW, syncPolicyConfig({ manualCooldownMs: 5 * MINUTE }))).toMatchObject({
      canSyncNow: false,
      cooldownMs: 4 * MINUTE,
    });
  });
});
