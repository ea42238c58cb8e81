import { DEFAULT_SYNC_POLICY_CONFIG, SyncPolicyConfig, syncPolicyConfig } from './sync-policy-config';

describe('syncPolicyConfig', () => {
  it('given no overrides, then the documented defaults', () => {
    expect(syncPolicyConfig()).toEqual({
      manualCooldownMs: 60_000,
      staleAfterMs: 86_400_000,
      reserveShare: 0.2,
      minRemainingToStart: 5,
      stallAfterMs: 300_000,
    });
    expect(syncPolicyConfig()).toEqual(DEFAULT_SYNC_POLICY_CONFIG);
  });

  it('given overrides, then they replace only their fields and the result is frozen', () => {
    const config = syncPolicyConfig({ manualCooldownMs: 0, reserveShare: 0 });
    expect(config).toEqual({ ...DEFAULT_SYNC_POLICY_CONFIG, manualCooldownMs: 0, reserveShare: 0 });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SYNC_POLICY_CONFIG)).toBe(true);
  });

  it.each<[Partial<SyncPolicyConfig>, RegExp]>([
    [{ manualCooldownMs: -1 }, /manualCooldownMs must be a non-negative integer, got -1/],
    [{ staleAfterMs: 1.5 }, /staleAfterMs must be a non-negative integer, got 1.5/],
    [{ minRemainingToStart: Number.NaN }, /minRemainingToStart must be a non-negative integer, got NaN/],
    [{ stallAfterMs: Number.POSITIVE_INFINITY }, /stallAfterMs must be a non-negative integer, got Infinity/],
    [{ reserveShare: 1 }, /reserveShare must be in \[0, 1\), got 1/],
    [{ reserveShare: -0.1 }, /reserveShare must be in \[0, 1\), got -0.1/],
    [{ reserveShare: Number.NaN }, /reserveShare must be in \[0, 1\), got NaN/],
  ])('given %p, then throws a RangeError', (overrides, message) => {
    expect(() => syncPolicyConfig(overrides)).toThrow(RangeError);
    expect(() => syncPolicyConfig(overrides)).toThrow(message);
  });
});
