import { describeDecision } from './describe-decision';
import { SyncDecision } from './sync-decision';

describe('describeDecision', () => {
  it.each<[SyncDecision, string]>([
    [{ action: 'start', reason: 'ok' }, 'Sync started'],
    [{ action: 'start', reason: 'stale_bypass' }, 'Sync started'],
    [
      { action: 'start', reason: 'stalled_restart', metadata: { restartJobId: 'j' } },
      'Sync restarted from its last checkpoint',
    ],
    [{ action: 'skip', reason: 'already_syncing', metadata: { activeJobId: 'j' } }, 'Sync in progress'],
    [{ action: 'skip', reason: 'already_synced' }, 'Already synced'],
    [{ action: 'skip', reason: 'nothing_to_sync' }, 'Nothing to sync'],
    [
      { action: 'block', reason: 'cooldown', metadata: { cooldownMs: 41_200, retryAfterMs: 41_200 } },
      'Please wait 42 seconds before syncing again',
    ],
    [{ action: 'block', reason: 'cooldown' }, 'Please wait a moment before syncing again'],
    [
      {
        action: 'block',
        reason: 'blocked_until',
        metadata: { blockedUntil: 1, retryAfterMs: 5 * 60_000, activeJobId: 'j' },
      },
      "Sync paused by Clio's rate limit; it resumes in 5 minutes",
    ],
    [
      { action: 'block', reason: 'blocked_until', metadata: { activeJobId: 'j' } },
      "Sync paused by Clio's rate limit; it resumes automatically",
    ],
    [
      { action: 'block', reason: 'rate_budget_exhausted', metadata: { blockedUntil: 1, retryAfterMs: 30_000 } },
      "Clio's rate limit has been reached; try again in 30 seconds",
    ],
    [{ action: 'block', reason: 'rate_budget_exhausted' }, "Clio's rate limit has been reached; try again shortly"],
    [
      { action: 'block', reason: 'rate_budget_reserved', metadata: { blockedUntil: 1, retryAfterMs: 1_000 } },
      'Background sync postponed for 1 second to keep Clio capacity for interactive work',
    ],
    [
      { action: 'block', reason: 'rate_budget_reserved' },
      'Background sync postponed to keep Clio capacity for interactive work',
    ],
    [{ action: 'block', reason: 'needs_reauth' }, 'Reconnect Clio to continue syncing'],
    [
      { action: 'block', reason: 'connection_revoked' },
      'Access to Clio was revoked. Reconnect Clio to continue syncing',
    ],
    [{ action: 'block', reason: 'connection_missing' }, 'Connect Clio to start syncing'],
  ])('given %j, then "%s"', (decision, expected) => {
    expect(describeDecision(decision)).toBe(expected);
  });
});
