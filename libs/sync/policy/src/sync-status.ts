import { SyncTriggers } from '@sf/contracts';
import { rateLimitWaitEnd } from './active-job';
import { connectionBlock } from './connection-gate';
import { describeDecision } from './describe-decision';
import { evaluate } from './evaluate';
import { describeSyncError } from './sync-error-message';
import { DEFAULT_SYNC_POLICY_CONFIG, SyncPolicyConfig } from './sync-policy-config';
import { SyncAction, SyncReason } from './sync-decision';
import { LastSyncError, SyncJobProgress, SyncPolicyState } from './sync-policy-state';

export const SyncStatusState = {
  Idle: 'idle',
  Syncing: 'syncing',
  /** A job is waiting out a Clio rate limit until `blockedUntil`. */
  Blocked: 'blocked',
  /** The connection is unusable, or the last attempt failed and nothing has succeeded since. */
  Error: 'error',
} as const;
export type SyncStatusState = (typeof SyncStatusState)[keyof typeof SyncStatusState];

/** The view-model behind `GET /matters/{id}/sync-status`. Times are epoch ms, durations ms. */
export interface SyncStatusView {
  readonly state: SyncStatusState;
  /** Exactly when `evaluate(state, 'manual', now)` would start a sync. */
  readonly canSyncNow: boolean;
  /** Why `canSyncNow` is false (the manual decision's reason); absent when it is true. */
  readonly unavailableReason?: SyncReason;
  /** Time left of the manual cooldown, when that is what prevents syncing. */
  readonly cooldownMs?: number;
  /** When syncing becomes possible again, when a rate limit prevents it. */
  readonly blockedUntil?: number;
  readonly activeJobProgress?: SyncJobProgress;
  readonly lastSyncedAt?: number;
  /** Normalized user-facing message; present only in the `error` state. */
  readonly lastSyncError?: string;
}

/** The last failure, unless a sync has succeeded since (read models may keep an old error around). */
const currentError = (state: SyncPolicyState): LastSyncError | null =>
  state.lastError !== null && (state.lastSyncedAt === null || state.lastError.occurredAt > state.lastSyncedAt)
    ? state.lastError
    : null;

/** An unusable connection outranks a running job: the job cannot progress until a person reconnects. */
const stateOf = (state: SyncPolicyState, now: number): Pick<SyncStatusView, 'state' | 'lastSyncError'> => {
  const connection = connectionBlock(state.connection.status);
  if (connection !== null) return { state: SyncStatusState.Error, lastSyncError: describeDecision(connection) };
  if (state.activeJob !== null) {
    const waiting = rateLimitWaitEnd(state.activeJob, now) !== null;
    return { state: waiting ? SyncStatusState.Blocked : SyncStatusState.Syncing };
  }
  const error = currentError(state);
  if (error === null) return { state: SyncStatusState.Idle };
  return { state: SyncStatusState.Error, lastSyncError: describeSyncError(error.code) };
};

/** Derives the status view-model. Pure; `canSyncNow`, `cooldownMs` and `blockedUntil` come from the manual decision. */
export const toSyncStatus = (
  state: SyncPolicyState,
  now: number,
  config: SyncPolicyConfig = DEFAULT_SYNC_POLICY_CONFIG,
): SyncStatusView => {
  const manual = evaluate(state, SyncTriggers.manual, now, config);
  const canSyncNow = manual.action === SyncAction.Start;
  const { cooldownMs, blockedUntil } = manual.metadata ?? {};
  const progress = state.activeJob?.progress;
  return {
    ...stateOf(state, now),
    canSyncNow,
    ...(canSyncNow ? {} : { unavailableReason: manual.reason }),
    ...(cooldownMs === undefined ? {} : { cooldownMs }),
    ...(blockedUntil === undefined ? {} : { blockedUntil }),
    ...(progress === undefined ? {} : { activeJobProgress: { current: progress.current, total: progress.total } }),
    ...(state.lastSyncedAt === null ? {} : { lastSyncedAt: state.lastSyncedAt }),
  };
};
