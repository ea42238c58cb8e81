/** What the orchestrator should do with a sync request. */
export const SyncAction = {
  /** Create (or restart) a sync job now. */
  Start: 'start',
  /** Nothing to do and nothing wrong: the request is already covered or pointless. */
  Skip: 'skip',
  /** A constraint prevents the sync now; the caller should tell the user why and when to retry. */
  Block: 'block',
} as const;
export type SyncAction = (typeof SyncAction)[keyof typeof SyncAction];

/** Stable machine codes for every decision. Wire names: logged, returned over HTTP, counted in metrics. */
export const SyncReason = {
  Ok: 'ok',
  /** A manual sync inside the cooldown was let through because the data is stale (or was never synced). */
  StaleBypass: 'stale_bypass',
  /** A running job made no progress for too long while budget was available; restart it from its checkpoint. */
  StalledRestart: 'stalled_restart',
  AlreadySyncing: 'already_syncing',
  /** A first-sync-only trigger (first login, process click) for a scope that has already completed a sync. */
  AlreadySynced: 'already_synced',
  NothingToSync: 'nothing_to_sync',
  Cooldown: 'cooldown',
  /** The active job is waiting out a Clio rate limit until `blockedUntil`. */
  BlockedUntil: 'blocked_until',
  /** Fewer requests left in Clio's window than any sync needs to start. */
  RateBudgetExhausted: 'rate_budget_exhausted',
  /** Budget is left, but only the reserve that backfills may not spend. */
  RateBudgetReserved: 'rate_budget_reserved',
  NeedsReauth: 'needs_reauth',
  ConnectionRevoked: 'connection_revoked',
  ConnectionMissing: 'connection_missing',
} as const;
export type SyncReason = (typeof SyncReason)[keyof typeof SyncReason];

/** Every reason belongs to exactly one action; decisions are built from this table so the two never disagree. */
export const REASON_ACTION = {
  [SyncReason.Ok]: SyncAction.Start,
  [SyncReason.StaleBypass]: SyncAction.Start,
  [SyncReason.StalledRestart]: SyncAction.Start,
  [SyncReason.AlreadySyncing]: SyncAction.Skip,
  [SyncReason.AlreadySynced]: SyncAction.Skip,
  [SyncReason.NothingToSync]: SyncAction.Skip,
  [SyncReason.Cooldown]: SyncAction.Block,
  [SyncReason.BlockedUntil]: SyncAction.Block,
  [SyncReason.RateBudgetExhausted]: SyncAction.Block,
  [SyncReason.RateBudgetReserved]: SyncAction.Block,
  [SyncReason.NeedsReauth]: SyncAction.Block,
  [SyncReason.ConnectionRevoked]: SyncAction.Block,
  [SyncReason.ConnectionMissing]: SyncAction.Block,
} as const satisfies { readonly [R in SyncReason]: SyncAction };

/** Facts that let a caller act on a decision. Times are epoch milliseconds, durations milliseconds. */
export interface SyncDecisionMetadata {
  /** Time left of the manual cooldown (`cooldown`). */
  cooldownMs?: number;
  /** When the blocking condition ends (`blocked_until`, `rate_budget_*`). */
  blockedUntil?: number;
  /** The job that already covers this scope (`already_syncing`, `blocked_until`). */
  activeJobId?: string;
  /** How long to wait before asking again (every `block` that has a known end). */
  retryAfterMs?: number;
  /** The stalled job to restart from its last checkpoint instead of creating a new one (`stalled_restart`). */
  restartJobId?: string;
}

type ReasonsOf<A extends SyncAction> = {
  [R in SyncReason]: (typeof REASON_ACTION)[R] extends A ? R : never;
}[SyncReason];

/**
 * The policy's answer. `action` and `reason` are correlated: `{ action: 'start', reason: 'cooldown' }` does not
 * type-check.
 */
export type SyncDecision = {
  [A in SyncAction]: { readonly action: A; readonly reason: ReasonsOf<A>; readonly metadata?: SyncDecisionMetadata };
}[SyncAction];

/** Builds the decision for a reason; the action comes from {@link REASON_ACTION}. */
export const decision = <R extends SyncReason>(
  reason: R,
  metadata?: SyncDecisionMetadata,
): Extract<SyncDecision, { reason: R }> =>
  (metadata === undefined
    ? { action: REASON_ACTION[reason], reason }
    : { action: REASON_ACTION[reason], reason, metadata }) as Extract<SyncDecision, { reason: R }>;
