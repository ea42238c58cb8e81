import { SyncReason, SyncAction } from '@sf/sync-policy';
import {
  BUSY_RETRY_MS,
  decideDueRun,
  initialSyncDeferral,
  runOutcome,
  type DueRun,
  type SchedulerConfig,
} from './decide-due-run';
import { DEFAULT_SCHEDULE_SETTINGS } from './schedule-settings';

const MIN = 60_000;
const config: SchedulerConfig = { degradedIntervalMs: 15 * MIN, reconcileIntervalMs: 24 * 60 * MIN };
// 12:00 in Chicago (peak) and 23:00 in Chicago (off-peak), January.
const PEAK = Date.parse('2026-01-15T18:00:00Z');
const OFF_PEAK = Date.parse('2026-01-16T05:00:00Z');

const run = (over: Partial<DueRun> = {}): DueRun => ({
  kind: 'schedule',
  settings: { ...DEFAULT_SCHEDULE_SETTINGS, intervalMinutes: 60 },
  region: 'us',
  startedAt: PEAK - 10 * 60 * MIN,
  lastRunAt: null,
  health: 'healthy',
  ...over,
});

describe('decideDueRun', () => {
  it('fires a schedule run at the firm interval while webhooks are healthy, and looks again at least every degraded interval', () => {
    const last = PEAK - 30 * MIN;
    expect(decideDueRun(run({ lastRunAt: last }), PEAK, config)).toEqual({ action: 'wait', until: PEAK + 15 * MIN });
    expect(decideDueRun(run({ lastRunAt: last }), last + 60 * MIN, config)).toEqual({
      action: 'fire',
      trigger: 'schedule',
    });
  });

  it.each(['degraded', 'off'] as const)('shortens the interval to the degraded one when webhooks are %s', (health) => {
    const last = PEAK - 15 * MIN;
    expect(decideDueRun(run({ lastRunAt: last, health }), PEAK, config)).toEqual({
      action: 'fire',
      trigger: 'schedule',
    });
    expect(decideDueRun(run({ lastRunAt: PEAK - 5 * MIN, health }), PEAK, config)).toEqual({
      action: 'wait',
      until: PEAK + 10 * MIN,
    });
  });

  it('keeps a firm interval shorter than the degraded one', () => {
    const r = run({ lastRunAt: PEAK - 5 * MIN, health: 'off', settings: { ...run().settings, intervalMinutes: 5 } });
    expect(decideDueRun(r, PEAK, config).action).toBe('fire');
  });

  it('defers an off-peak-only firm to the next window of its region', () => {
    const r = run({ lastRunAt: PEAK - 120 * MIN, settings: { ...run().settings, offPeakOnly: true } });
    expect(decideDueRun(r, PEAK, config)).toEqual({ action: 'wait', until: Date.parse('2026-01-16T04:00:00Z') });
    expect(decideDueRun(r, OFF_PEAK, config).action).toBe('fire');
  });

  it('runs the first schedule run of an off-peak-only firm at its first window (the deferred initial sync)', () => {
    const r = run({ startedAt: PEAK, settings: { ...run().settings, offPeakOnly: true } });
    expect(decideDueRun(r, PEAK, config)).toEqual({ action: 'wait', until: Date.parse('2026-01-16T04:00:00Z') });
    expect(decideDueRun(r, OFF_PEAK, config)).toEqual({ action: 'fire', trigger: 'schedule' });
  });

  it('fires a reconciliation as maintenance once its interval passed, only off-peak', () => {
    const r = run({ kind: 'reconcile', lastRunAt: PEAK - 25 * 60 * MIN });
    expect(decideDueRun(r, PEAK, config)).toEqual({ action: 'wait', until: Date.parse('2026-01-16T04:00:00Z') });
    expect(decideDueRun(r, OFF_PEAK, config)).toEqual({ action: 'fire', trigger: 'maintenance' });
    expect(decideDueRun({ ...r, lastRunAt: OFF_PEAK - MIN }, OFF_PEAK, config)).toEqual({
      action: 'wait',
      until: OFF_PEAK - MIN + 24 * 60 * MIN,
    });
  });
});

describe('runOutcome', () => {
  it('retries a run the rate budget blocked, and counts every other answer as done', () => {
    const reserved = {
      action: SyncAction.Block,
      reason: SyncReason.RateBudgetReserved,
      metadata: { retryAfterMs: 5000 },
    } as const;
    expect(runOutcome('schedule', reserved, 10)).toEqual({ done: false, retryAt: 5010 });
    expect(runOutcome('reconcile', reserved, 10)).toEqual({ done: false, retryAt: 5010 });
    const syncing = { action: SyncAction.Skip, reason: SyncReason.AlreadySyncing } as const;
    expect(runOutcome('schedule', syncing, 10)).toEqual({ done: true });
    const revoked = { action: SyncAction.Block, reason: SyncReason.ConnectionRevoked } as const;
    expect(runOutcome('schedule', revoked, 10)).toEqual({ done: true });
    expect(runOutcome('reconcile', { action: SyncAction.Start, reason: SyncReason.Ok }, 10)).toEqual({ done: true });
  });

  it('tries a reconciliation again later when another job was running (it may be incremental)', () => {
    const syncing = { action: SyncAction.Skip, reason: SyncReason.AlreadySyncing } as const;
    expect(runOutcome('reconcile', syncing, 10)).toEqual({ done: false, retryAt: 10 + BUSY_RETRY_MS });
  });
});

describe('initialSyncDeferral', () => {
  it('defers the initial sync of an off-peak-only firm outside the window, never otherwise', () => {
    const offPeakOnly = { ...DEFAULT_SCHEDULE_SETTINGS, offPeakOnly: true };
    expect(initialSyncDeferral(offPeakOnly, 'us', PEAK)).toBe(Date.parse('2026-01-16T04:00:00Z'));
    expect(initialSyncDeferral(offPeakOnly, 'us', OFF_PEAK)).toBeNull();
    expect(initialSyncDeferral(DEFAULT_SCHEDULE_SETTINGS, 'us', PEAK)).toBeNull();
  });
});
