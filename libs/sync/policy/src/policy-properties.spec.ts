import fc from 'fast-check';
import { SyncTriggers, type SyncTrigger } from '@sf/contracts';
import { describeDecision } from './describe-decision';
import { evaluate } from './evaluate';
import { reserveOf } from './budget-block';
import { syncPolicyConfig } from './sync-policy-config';
import { REASON_ACTION } from './sync-decision';
import { SyncPolicyState } from './sync-policy-state';
import { HOUR, MINUTE, NOW } from './sync-policy-state.fixture';
import { toSyncStatus } from './sync-status';

// Times cluster around NOW so that every threshold (cooldown, stale, stall, reset) is crossed both ways.
const time = fc.oneof(
  fc.integer({ min: NOW - 2 * MINUTE, max: NOW + MINUTE }),
  fc.integer({ min: NOW - 48 * HOUR, max: NOW + HOUR }),
);
const job = fc.record(
  {
    jobId: fc.constantFrom('job-1', 'job-2'),
    state: fc.constantFrom('running' as const, 'blocked' as const),
    blockedUntil: time,
    lastProgressAt: time,
    progress: fc.record({ current: fc.nat(1000), total: fc.nat(1000) }),
  },
  { requiredKeys: ['jobId', 'state', 'lastProgressAt'] },
);
const state: fc.Arbitrary<SyncPolicyState> = fc.record({
  activeJob: fc.option(job, { nil: null }),
  lastSyncedAt: fc.option(time, { nil: null }),
  lastManualRequestAt: fc.option(time, { nil: null }),
  lastError: fc.option(fc.record({ code: fc.constantFrom('auth_failed', 'internal', 'x'), occurredAt: time }), {
    nil: null,
  }),
  // 'active' twice: half the states have a usable connection, so the later checks are reached often.
  connection: fc.record({
    status: fc.constantFrom(...(['active', 'active', 'needs_reauth', 'revoked', 'missing'] as const)),
  }),
  budget: fc.option(fc.record({ limit: fc.integer({ min: 1, max: 200 }), remaining: fc.nat(200), resetAt: time }), {
    nil: null,
  }),
  hasSomethingToSync: fc.boolean(),
});
const config = fc
  .record({
    manualCooldownMs: fc.constantFrom(0, MINUTE, 10 * MINUTE),
    staleAfterMs: fc.constantFrom(HOUR, 24 * HOUR),
    reserveShare: fc.constantFrom(0, 0.2, 0.5, 0.99),
    minRemainingToStart: fc.constantFrom(0, 1, 5, 20),
    stallAfterMs: fc.constantFrom(MINUTE, 30 * MINUTE),
  })
  .map((overrides) => syncPolicyConfig(overrides));
const trigger = fc.constantFrom(...Object.values(SyncTriggers));
const BACKFILL: readonly SyncTrigger[] = ['first_login', 'schedule', 'maintenance'];
const RUNS = { numRuns: 2_000 };

describe('evaluate: properties over arbitrary states', () => {
  it('never starts a second job for a scope that has one (only restarts that same job, on maintenance)', () => {
    fc.assert(
      fc.property(state, trigger, config, (s, t, c) => {
        const d = evaluate(s, t, NOW, c);
        if (s.activeJob === null || d.action !== 'start') return;
        expect(d).toEqual({
          action: 'start',
          reason: 'stalled_restart',
          metadata: { restartJobId: s.activeJob.jobId },
        });
        expect(t).toBe('maintenance');
      }),
      RUNS,
    );
  });

  it('never starts without a usable connection, nor below the minimum, nor a backfill inside the reserve', () => {
    fc.assert(
      fc.property(state, trigger, config, (s, t, c) => {
        const d = evaluate(s, t, NOW, c);
        if (d.action !== 'start') return;
        expect(s.connection.status).toBe('active');
        if (s.budget === null || NOW >= s.budget.resetAt) return;
        expect(s.budget.remaining).toBeGreaterThanOrEqual(c.minRemainingToStart);
        if (BACKFILL.includes(t)) {
          expect(s.budget.remaining - reserveOf(s.budget, c)).toBeGreaterThanOrEqual(c.minRemainingToStart);
        }
      }),
      RUNS,
    );
  });

  it('starts a manual sync inside the cooldown only as a stale bypass', () => {
    fc.assert(
      fc.property(state, config, (s, c) => {
        const d = evaluate(s, 'manual', NOW, c);
        // A zero cooldown is no cooldown, even for a request stamped in the future.
        const inCooldown =
          c.manualCooldownMs > 0 && s.lastManualRequestAt !== null && NOW - s.lastManualRequestAt < c.manualCooldownMs;
        if (d.reason === 'ok') expect(inCooldown).toBe(false);
        if (d.reason === 'stale_bypass') {
          expect(inCooldown).toBe(true);
          expect(s.lastSyncedAt === null || NOW - s.lastSyncedAt >= c.staleAfterMs).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('pairs action with reason, gives waits in the future, and describes every decision in words', () => {
    fc.assert(
      fc.property(state, trigger, config, (s, t, c) => {
        const d = evaluate(s, t, NOW, c);
        expect(d.action).toBe(REASON_ACTION[d.reason]);
        const { retryAfterMs, blockedUntil, cooldownMs } = d.metadata ?? {};
        if (retryAfterMs !== undefined) expect(retryAfterMs).toBeGreaterThan(0);
        if (blockedUntil !== undefined) expect(blockedUntil).toBe(NOW + retryAfterMs!);
        if (cooldownMs !== undefined) expect(cooldownMs).toBeLessThanOrEqual(c.manualCooldownMs);
        expect(describeDecision(d)).toMatch(/^[A-Z][^]*[a-z]$/);
        expect(describeDecision(d)).not.toMatch(/undefined|NaN|Infinity/);
      }),
      RUNS,
    );
  });
});

describe('toSyncStatus: properties over arbitrary states', () => {
  it('canSyncNow agrees with evaluate(state, manual, now), and the state agrees with the facts', () => {
    fc.assert(
      fc.property(state, config, (s, c) => {
        const view = toSyncStatus(s, NOW, c);
        const manual = evaluate(s, 'manual', NOW, c);
        expect(view.canSyncNow).toBe(manual.action === 'start');
        expect(view.unavailableReason).toBe(view.canSyncNow ? undefined : manual.reason);
        if (view.state === 'syncing' || view.state === 'blocked') expect(s.activeJob).not.toBeNull();
        if (view.state === 'blocked') expect(view.blockedUntil).toBeGreaterThan(NOW);
        expect(view.lastSyncError !== undefined).toBe(view.state === 'error');
      }),
      RUNS,
    );
  });
});
