/** Lifecycle state of one sync job (the `state` column of the `sync_jobs` read model). Wire names. */
export const SyncJobState = {
  /** `SyncRequested` is in the scope stream; no worker has started it yet. */
  Requested: 'requested',
  Running: 'running',
  /** Waiting out a Clio rate limit until `blockedUntil`; resumes by itself. */
  Blocked: 'blocked',
  /** Paused on request; waits for a resume or a cancellation. */
  Paused: 'paused',
  Completed: 'completed',
  Failed: 'failed',
  Cancelled: 'cancelled',
} as const;
export type SyncJobState = (typeof SyncJobState)[keyof typeof SyncJobState];

const TERMINAL: ReadonlySet<SyncJobState> = new Set([
  SyncJobState.Completed,
  SyncJobState.Failed,
  SyncJobState.Cancelled,
]);

/** Completed, failed or cancelled: nothing changes the job any more. */
export const isTerminalJobState = (s: SyncJobState): boolean => TERMINAL.has(s);
