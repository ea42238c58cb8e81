import type {
  ActiveSyncJob,
  ConnectionStatus,
  LastSyncError,
  BudgetView,
  SyncJobProgress,
  SyncPolicyState,
} from '@sf/sync-policy';
import { EMPTY_JOB_TAIL, isPausedTail, type JobTail } from './job-tail';
import type { OpenJob, ScopeState } from './scope-state';

/** What the job stream (tail, read fresh) and the `sync_jobs` read model (progress) say about the covering job. */
export interface ActiveJobFacts {
  readonly jobId: string;
  readonly tail: JobTail;
  readonly progress?: SyncJobProgress;
}

/** Everything besides the scope stream that a decision about one scope needs, read by the orchestrator. */
export interface ScopeFacts {
  readonly connection: ConnectionStatus;
  /** Null when no budget is known yet for the firm's connection. */
  readonly budget: BudgetView | null;
  /** For a matter scope: the firm scope's state (a firm-wide job covers every matter). Null for the firm scope. */
  readonly firmScope: ScopeState | null;
  /** Facts about the job returned by {@link coveringJob}, when there is one. */
  readonly activeJob: ActiveJobFacts | null;
  readonly hasSomethingToSync: boolean;
}

/** The job that covers a scope right now: its own active job, else (for a matter) the firm-wide active job. */
export const coveringJob = (scope: ScopeState, firmScope: ScopeState | null): OpenJob | null =>
  scope.activeJob ?? firmScope?.activeJob ?? null;

const later = (a: number | null, b: number | null | undefined): number | null =>
  b === null || b === undefined ? a : a === null ? b : Math.max(a, b);

const laterError = (a: LastSyncError | null, b: LastSyncError | null | undefined): LastSyncError | null =>
  b === null || b === undefined ? a : a === null || b.occurredAt > a.occurredAt ? b : a;

const activeSyncJob = (job: OpenJob, facts: ActiveJobFacts | null, now: number): ActiveSyncJob => {
  const own = facts !== null && facts.jobId === job.jobId ? facts : null;
  const tail = own?.tail ?? EMPTY_JOB_TAIL;
  const blockedUntil = tail.blockedUntil;
  return {
    jobId: job.jobId,
    state: blockedUntil === null ? 'running' : 'blocked',
    ...(blockedUntil === null ? {} : { blockedUntil }),
    // A paused job waits for a person, not for progress: it is never stalled.
    lastProgressAt: isPausedTail(tail) ? now : Math.max(job.requestedAt, tail.lastAt ?? job.requestedAt),
    ...(own?.progress === undefined ? {} : { progress: own.progress }),
  };
};

/**
 * The sync policy's view of one scope. For a matter, the firm scope counts too: a firm-wide job covers the matter
 * (so a matter sync is refused while one runs), and a firm-wide completion or failure is the matter's latest sync
 * when it is later than the matter's own. The manual cooldown stays per scope.
 */
export const policyStateFor = (scope: ScopeState, facts: ScopeFacts, now: number): SyncPolicyState => {
  const job = coveringJob(scope, facts.firmScope);
  return {
    activeJob: job === null ? null : activeSyncJob(job, facts.activeJob, now),
    lastSyncedAt: later(scope.lastSyncedAt, facts.firmScope?.lastSyncedAt),
    lastManualRequestAt: scope.lastManualRequestAt,
    lastError: laterError(scope.lastError, facts.firmScope?.lastError),
    connection: { status: facts.connection },
    budget: facts.budget,
    hasSomethingToSync: facts.hasSomethingToSync,
  };
};
