/** State of the firm's Clio connection (from the auth service's read model). */
export const ConnectionStatus = {
  Active: 'active',
  /** Refresh failed or Clio rejected the token: a person must reconnect. */
  NeedsReauth: 'needs_reauth',
  /** The firm (or Clio) revoked our access. */
  Revoked: 'revoked',
  /** The firm never connected Clio. */
  Missing: 'missing',
} as const;
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

export const ActiveJobState = {
  /** Fetching, or about to. */
  Running: 'running',
  /** Waiting out a Clio rate limit until `blockedUntil`; resumes by itself. */
  Blocked: 'blocked',
} as const;
export type ActiveJobState = (typeof ActiveJobState)[keyof typeof ActiveJobState];

export interface SyncJobProgress {
  /** Units done so far (pages or records, as the job reports them). */
  readonly current: number;
  /** Units estimated in total; may grow as the job learns more. */
  readonly total: number;
}

/** The active sync job whose scope covers the requested scope (a firm-wide job covers every matter of the firm). */
export interface ActiveSyncJob {
  readonly jobId: string;
  readonly state: ActiveJobState;
  /** Epoch ms until which the job waits for Clio's rate limit; meaningful when `state` is `blocked`. */
  readonly blockedUntil?: number;
  /** Epoch ms of the job's last checkpoint or page (its start time before the first page). */
  readonly lastProgressAt: number;
  readonly progress?: SyncJobProgress;
}

/** Snapshot of the shared Clio rate budget for the firm's access token. */
export interface BudgetView {
  /** Requests allowed per window (Clio: `X-RateLimit-Limit`). */
  readonly limit: number;
  /** Requests left in the current window (Clio: `X-RateLimit-Remaining`). */
  readonly remaining: number;
  /** Epoch ms at which the window resets; from then on the snapshot counts as a full window. */
  readonly resetAt: number;
}

/** The failure of the last sync attempt, as a code (never a raw message: it could carry Clio data or secrets). */
export interface LastSyncError {
  /** A {@link SyncErrorCode} value, or another code from the worker (shown with a generic message). */
  readonly code: string;
  /** Epoch ms. Ignored when a sync has succeeded since. */
  readonly occurredAt: number;
}

/**
 * Everything the policy needs about one sync scope (a firm, or one matter), assembled by the orchestrator from read
 * models. The policy does not depend on which scope it is; the orchestrator resolves `activeJob`, `lastSyncedAt`
 * and `hasSomethingToSync` for that scope. Times are epoch ms.
 */
export interface SyncPolicyState {
  readonly activeJob: ActiveSyncJob | null;
  /** Completion time of the last successful sync of this scope; null if it never completed one. */
  readonly lastSyncedAt: number | null;
  /** Time of the last manual request that started a sync (refused requests must not extend the cooldown). */
  readonly lastManualRequestAt: number | null;
  readonly lastError: LastSyncError | null;
  readonly connection: { readonly status: ConnectionStatus };
  /** Null when no budget is known yet (no request made with this token); the fetcher then learns it from headers. */
  readonly budget: BudgetView | null;
  /** E.g. the firm has entity types to sync, the matter exists, or the webhook reported a change. */
  readonly hasSomethingToSync: boolean;
}
