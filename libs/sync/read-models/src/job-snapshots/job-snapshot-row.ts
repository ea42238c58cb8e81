import type { LogPosition } from '@sf/event-store';
import type { OutcomeKind, ProcessingJobStatus } from '@sf/sync-jobs';

/** One row of `job_snapshots` as the pure fold sees it: instants are ISO strings at millisecond precision. */
export interface JobSnapshotRow {
  jobId: string;
  firmId: string;
  matterId: string;
  folderId: string | null;
  /** The document ids frozen when the job started; never changes afterwards. */
  documentIds: string[];
  /** Running, completed or cancelled: a row exists only once the job started. */
  status: ProcessingJobStatus;
  /** First outcome of each snapshot document (what makes the counts count each document once). */
  outcomes: Readonly<Record<string, OutcomeKind>>;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
  createdAt: string;
  updatedAt: string;
  lastPosition: LogPosition;
}

/** What a list of processing jobs shows of a row (the frozen document list and the outcomes left out). */
export type JobSnapshotSummary = Omit<JobSnapshotRow, 'firmId' | 'documentIds' | 'outcomes' | 'lastPosition'>;
