import { ConnectionStatus } from './sync-policy-state';
import { givenState, MINUTE, NOW, runningJob, SECOND } from './sync-policy-state.fixture';
import { toUserSyncStatus } from './user-status';

describe('toUserSyncStatus (getStatusForUser)', () => {
  it('lets a user of an idle, connected firm sync now, and nothing else', () => {
    const s = toUserSyncStatus({ state: givenState(), activeJobState: null, heldSweeps: 0 }, NOW);
    expect(s.status.canSyncNow).toBe(true);
    expect(s.actions.syncNow).toEqual({ allowed: true, message: 'Sync now' });
    expect(s.actions.stop).toMatchObject({ allowed: false, reason: 'no_active_job' });
    expect(s.actions.resume).toMatchObject({ allowed: false, reason: 'no_active_job' });
    expect(s.actions.cancel).toMatchObject({ allowed: false, reason: 'no_active_job' });
    expect(s.actions.reconnect).toMatchObject({ allowed: false, reason: 'connected' });
    expect(s.actions.reviewDeletions).toMatchObject({ allowed: false, reason: 'nothing_held' });
  });

  it('explains why "Sync now" is refused during a cooldown, with the wait, like the status', () => {
    const state = givenState({ lastManualRequestAt: NOW - 18 * SECOND, lastSyncedAt: NOW - MINUTE });
    const s = toUserSyncStatus({ state, activeJobState: null, heldSweeps: 0 }, NOW);
    expect(s.actions.syncNow.allowed).toBe(false);
    expect(s.actions.syncNow.reason).toBe('cooldown');
    expect(s.actions.syncNow.message).toMatch(/^Please wait .+ before syncing again$/);
    expect(s.actions.syncNow.retryAfterMs).toBe(s.status.cooldownMs);
    expect(s.status.unavailableReason).toBe('cooldown');
  });

  it('offers stop and cancel for a running job, resume and cancel for a paused one', () => {
    const state = givenState({ activeJob: runningJob() });
    const running = toUserSyncStatus({ state, activeJobState: 'running', heldSweeps: 0 }, NOW);
    expect(running.actions.syncNow).toMatchObject({
      allowed: false,
      reason: 'already_syncing',
      message: 'Sync in progress',
    });
    expect([running.actions.stop.allowed, running.actions.resume.allowed, running.actions.cancel.allowed]).toEqual([
      true,
      false,
      true,
    ]);
    const paused = toUserSyncStatus({ state, activeJobState: 'paused', heldSweeps: 0 }, NOW);
    expect([paused.actions.stop.allowed, paused.actions.resume.allowed, paused.actions.cancel.allowed]).toEqual([
      false,
      true,
      true,
    ]);
    expect(paused.actions.stop.reason).toBe('already_paused');
  });

  it('asks to reconnect when the connection is unusable, and to review held deletions', () => {
    const state = givenState({ connection: { status: ConnectionStatus.NeedsReauth } });
    const s = toUserSyncStatus({ state, activeJobState: null, heldSweeps: 2 }, NOW);
    expect(s.actions.syncNow).toMatchObject({
      allowed: false,
      reason: 'needs_reauth',
      message: 'Reconnect Clio to continue syncing',
    });
    expect(s.actions.reconnect).toEqual({ allowed: true, message: 'Reconnect Clio' });
    expect(s.actions.reviewDeletions).toEqual({ allowed: true, message: '2 held deletions to review' });
  });
});
