import { toSyncStatus } from '@sf/sync-policy';
import { policyStateFor } from './policy-state';
import { foldScope } from './scope-state';
import { MINUTE, NOW, ago, completed, facts, failed, requested } from './spec-fixtures';
import { SyncScope } from './sync-scope';

const FIRM_SCOPE = SyncScope.firm();
const now = NOW.getTime();

describe('policyStateFor: a matter sees the firm scope too', () => {
  it("takes the later of the matter's and the firm's last completion", () => {
    const matter = foldScope([requested('m', ago(60 * MINUTE)), completed('m', ago(50 * MINUTE))]);
    const firm = foldScope([
      requested('f', ago(20 * MINUTE), 'schedule', FIRM_SCOPE),
      completed('f', ago(10 * MINUTE), FIRM_SCOPE),
    ]);
    expect(policyStateFor(matter, facts({ firmScope: firm }), now).lastSyncedAt).toBe(ago(10 * MINUTE).getTime());
    expect(policyStateFor(foldScope([]), facts({ firmScope: firm }), now).lastSyncedAt).toBe(
      ago(10 * MINUTE).getTime(),
    );
  });

  it("shows a matter as syncing while a firm-wide job runs, with that job's progress", () => {
    const firm = foldScope([requested('f', ago(2 * MINUTE), 'schedule', FIRM_SCOPE)]);
    const state = policyStateFor(
      foldScope([]),
      facts({
        firmScope: firm,
        activeJob: {
          jobId: 'f',
          tail: { version: 0, lastType: null, lastAt: null, blockedUntil: null },
          progress: { current: 5, total: 9 },
        },
      }),
      now,
    );
    expect(toSyncStatus(state, now)).toMatchObject({
      state: 'syncing',
      canSyncNow: false,
      unavailableReason: 'already_syncing',
      activeJobProgress: { current: 5, total: 9 },
    });
  });

  it('reports the latest failure of either scope until a later success', () => {
    const matter = foldScope([requested('m', ago(60 * MINUTE)), completed('m', ago(50 * MINUTE))]);
    const firm = foldScope([
      requested('f', ago(20 * MINUTE), 'schedule', FIRM_SCOPE),
      failed('f', ago(10 * MINUTE), FIRM_SCOPE),
    ]);
    expect(toSyncStatus(policyStateFor(matter, facts({ firmScope: firm }), now), now)).toMatchObject({
      state: 'error',
      lastSyncError: 'Clio was unavailable during the last sync. Try again in a few minutes',
    });
  });

  it('keeps the manual cooldown per scope: a manual firm sync does not throttle a matter', () => {
    const firm = foldScope([
      requested('f', ago(20_000), 'manual', FIRM_SCOPE),
      completed('f', ago(10_000), FIRM_SCOPE),
    ]);
    expect(policyStateFor(foldScope([]), facts({ firmScope: firm }), now).lastManualRequestAt).toBeNull();
  });
});
