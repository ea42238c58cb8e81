import { decision, REASON_ACTION, SyncDecision, SyncReason } from './sync-decision';

describe('sync decisions', () => {
  it('keeps the reason wire names and the action of each', () => {
    expect(REASON_ACTION).toEqual({
      ok: 'start',
      stale_bypass: 'start',
      stalled_restart: 'start',
      already_syncing: 'skip',
      already_synced: 'skip',
      nothing_to_sync: 'skip',
      cooldown: 'block',
      blocked_until: 'block',
      rate_budget_exhausted: 'block',
      rate_budget_reserved: 'block',
      needs_reauth: 'block',
      connection_revoked: 'block',
      connection_missing: 'block',
    });
    expect(Object.keys(REASON_ACTION).sort()).toEqual(Object.values(SyncReason).sort());
  });

  it('given a reason without metadata, then the decision has no metadata key', () => {
    expect(decision(SyncReason.NothingToSync)).toStrictEqual({ action: 'skip', reason: 'nothing_to_sync' });
  });

  it('given a reason with metadata, then the decision carries it', () => {
    expect(decision(SyncReason.Cooldown, { cooldownMs: 1 })).toStrictEqual({
      action: 'block',
      reason: 'cooldown',
      metadata: { cooldownMs: 1 },
    });
  });

  it('rejects an action that does not match the reason at compile time', () => {
    // @ts-expect-error 'cooldown' is a block reason, never a start reason
    const wrong: SyncDecision = { action: 'start', reason: 'cooldown' };
    expect(REASON_ACTION[wrong.reason]).not.toBe(wrong.action);
  });
});
