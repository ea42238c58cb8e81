// Test-only builders for the policy specs (not exported from the lib).
import { ActiveSyncJob, BudgetView, SyncPolicyState } from './sync-policy-state';

export const NOW = 1_700_000_000_000;
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** Clio's peak window: 50 requests, resetting 30 s from NOW. Default reserve is ceil(50 * 0.2) = 10. */
export const budget = (overrides: Partial<BudgetView> = {}): BudgetView => ({
  limit: 50,
  remaining: 50,
  resetAt: NOW + 30 * SECOND,
  ...overrides,
});

export const runningJob = (overrides: Partial<ActiveSyncJob> = {}): ActiveSyncJob => ({
  jobId: 'job-1',
  state: 'running',
  lastProgressAt: NOW - 5 * SECOND,
  ...overrides,
});

/** A healthy, idle scope synced an hour ago with a full budget and something to sync. */
export const givenState = (overrides: Partial<SyncPolicyState> = {}): SyncPolicyState => ({
  activeJob: null,
  lastSyncedAt: NOW - HOUR,
  lastManualRequestAt: null,
  lastError: null,
  connection: { status: 'active' },
  budget: budget(),
  hasSomethingToSync: true,
  ...overrides,
});
