import { SyncTriggers } from '@sf/contracts';
import { describeDecision } from './describe-decision';
import { evaluate } from './evaluate';
import { SyncAction } from './sync-decision';
import { DEFAULT_SYNC_POLICY_CONFIG, type SyncPolicyConfig } from './sync-policy-config';
import { ConnectionStatus, type SyncPolicyState } from './sync-policy-state';
import { toSyncStatus, type SyncStatusView } from './sync-status';

/** Whether a person may do something now, and if not, why (a machine reason and a sentence to show). */
export interface UserAction {
  readonly allowed: boolean;
  readonly reason?: string;
  readonly message: string;
  /** When the action becomes possible again (cooldown, rate limit); ms. */
  readonly retryAfterMs?: number;
}

/** `getStatusForUser` (seed 004): the firm's status as one user sees it, and what that user may do now. */
export interface UserSyncStatus {
  readonly status: SyncStatusView;
  readonly actions: {
    readonly syncNow: UserAction;
    readonly stop: UserAction;
    readonly resume: UserAction;
    readonly cancel: UserAction;
    readonly reconnect: UserAction;
    readonly reviewDeletions: UserAction;
  };
}

/** The active job as the user status needs it: its state only. */
export type ActiveJobControlState = 'requested' | 'running' | 'blocked' | 'paused' | null;

export interface UserStatusInput {
  readonly state: SyncPolicyState;
  readonly activeJobState: ActiveJobControlState;
  /** Sweeps the circuit breaker holds for review. */
  readonly heldSweeps: number;
}

const yes = (message: string): UserAction => ({ allowed: true, message });
const no = (reason: string, message: string): UserAction => ({ allowed: false, reason, message });

/**
 * What a user may do now, derived from the same manual decision as `canSyncNow` (so the "Sync now" button and
 * `POST /firms/{id}/sync` agree) and from the active job's state (the job controls' own rules: stop a job that is not
 * paused, resume a paused one, cancel any active one). Every user of a firm may act for it: the gateway JWT carries
 * no roles. Pure; `now` is epoch ms.
 */
export const toUserSyncStatus = (
  input: UserStatusInput,
  now: number,
  config: SyncPolicyConfig = DEFAULT_SYNC_POLICY_CONFIG,
): UserSyncStatus => {
  const manual = evaluate(input.state, SyncTriggers.manual, now, config);
  const retry = manual.metadata?.retryAfterMs ?? manual.metadata?.cooldownMs;
  const syncNow: UserAction =
    manual.action === SyncAction.Start
      ? yes('Sync now')
      : { ...no(manual.reason, describeDecision(manual)), ...(retry === undefined ? {} : { retryAfterMs: retry }) };
  const job = input.activeJobState;
  const noJob = no('no_active_job', 'No sync is running');
  const connection = input.state.connection.status;
  return {
    status: toSyncStatus(input.state, now, config),
    actions: {
      syncNow,
      stop:
        job === null
          ? noJob
          : job === 'paused'
            ? no('already_paused', 'The sync is already stopped')
            : yes('Stop the sync'),
      resume:
        job === null ? noJob : job === 'paused' ? yes('Resume the sync') : no('not_paused', 'The sync is not stopped'),
      cancel: job === null ? noJob : yes('Cancel the sync'),
      reconnect:
        connection === ConnectionStatus.Active
          ? no('connected', 'Clio is connected')
          : yes(connection === ConnectionStatus.Missing ? 'Connect Clio' : 'Reconnect Clio'),
      reviewDeletions:
        input.heldSweeps > 0
          ? yes(`${input.heldSweeps} held deletion${input.heldSweeps === 1 ? '' : 's'} to review`)
          : no('nothing_held', 'No deletions are waiting for review'),
    },
  };
};
