import { SyncTriggers } from '@sf/contracts';
import * as policy from './index';

describe('@sf/sync-policy public surface', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(policy).sort()).toEqual(
      [
        'ActiveJobState',
        'BACKFILL_RESERVE_SHARE',
        'ConnectionStatus',
        'DEFAULT_SYNC_POLICY_CONFIG',
        'REASON_ACTION',
        'SyncAction',
        'SyncErrorCode',
        'SyncReason',
        'SyncStatusState',
        'TRIGGER_PROFILES',
        'describeDecision',
        'describeForbidden',
        'describeSyncError',
        'evaluate',
        'formatWait',
        'syncPolicyConfig',
        'toSyncStatus',
        'toUserSyncStatus',
      ].sort(),
    );
  });

  it('every export is defined (no re-export of a type-only name as a value)', () => {
    for (const [name, value] of Object.entries(policy)) expect([name, value]).not.toEqual([name, undefined]);
  });

  it('evaluates through the public entry point', () => {
    const decision = policy.evaluate(
      {
        activeJob: null,
        lastSyncedAt: null,
        lastManualRequestAt: null,
        lastError: null,
        connection: { status: policy.ConnectionStatus.Active },
        budget: null,
        hasSomethingToSync: true,
      },
      SyncTriggers.firstLogin,
      0,
    );
    expect(decision).toEqual({ action: policy.SyncAction.Start, reason: policy.SyncReason.Ok });
  });
});
