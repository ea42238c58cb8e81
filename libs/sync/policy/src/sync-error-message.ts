/** Failure codes a sync worker records for a failed job (`LastSyncError.code`). Wire names. */
export const SyncErrorCode = {
  /** Clio rejected the token while syncing. */
  AuthFailed: 'auth_failed',
  /** Clio kept answering 429 beyond the job's retry allowance. */
  RateLimited: 'rate_limited',
  /** Clio answered 5xx or timed out beyond the job's retry allowance. */
  ClioUnavailable: 'clio_unavailable',
  /** The job made no progress and was abandoned. */
  Stalled: 'stalled',
  /** A bug or an outage on our side. */
  Internal: 'internal',
} as const;
export type SyncErrorCode = (typeof SyncErrorCode)[keyof typeof SyncErrorCode];

const GENERIC = 'The last sync failed. Try again, or contact support if it keeps failing';

const MESSAGES: ReadonlyMap<string, string> = new Map<SyncErrorCode, string>([
  [SyncErrorCode.AuthFailed, 'Clio refused our access during the last sync. Reconnect Clio to continue syncing'],
  [SyncErrorCode.RateLimited, "Clio's rate limit interrupted the last sync. Try again in a few minutes"],
  [SyncErrorCode.ClioUnavailable, 'Clio was unavailable during the last sync. Try again in a few minutes'],
  [SyncErrorCode.Stalled, 'The last sync stopped making progress. Try again'],
  [SyncErrorCode.Internal, GENERIC],
]);

/** The user-facing message for a failure code; unknown codes get a generic message, never the code or a raw error. */
export const describeSyncError = (code: string): string => MESSAGES.get(code) ?? GENERIC;
