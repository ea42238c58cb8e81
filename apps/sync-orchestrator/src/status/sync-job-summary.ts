import { progressOf, type JobView, type SyncJobState } from '@sf/sync-jobs';
import { describeSyncError } from '@sf/sync-policy';

/** One sync job in a list or a status: what it covers, where it stands, and how it ended. Times ISO. */
export interface SyncJobSummary {
  jobId: string;
  scope: { kind: 'firm' | 'matter'; matterId?: string };
  trigger: string;
  state: SyncJobState;
  progress: { current: number; total: number };
  requestedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  blockedUntil: string | null;
  /** Failure code and its user-facing message. */
  error: { code: string; message: string } | null;
  availableFeatures: string[];
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const summaryOf = (j: JobView): SyncJobSummary => ({
  jobId: j.jobId,
  scope: j.scope.kind === 'matter' ? { kind: 'matter', matterId: j.scope.matterId } : { kind: 'firm' },
  trigger: j.trigger,
  state: j.state,
  progress: progressOf(j),
  requestedAt: new Date(j.requestedAt).toISOString(),
  startedAt: iso(j.startedAt),
  completedAt: iso(j.completedAt),
  blockedUntil: iso(j.blockedUntil),
  error: j.errorCode === null ? null : { code: j.errorCode, message: describeSyncError(j.errorCode) },
  availableFeatures: [...j.availableFeatures],
});
