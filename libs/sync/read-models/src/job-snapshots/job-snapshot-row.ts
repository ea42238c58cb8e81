import type { LogPosition } from '@sf/event-store';

export const ProcessingJobStatus = {
  Running: 'running',
  Completed: 'completed',
  Cancelled: 'cancelled',
} as const;
export type ProcessingJobStatus = (typeof ProcessingJobStatus)[keyof typeof ProcessingJobStatus];

/** One row of `job_snapshots` as the pure fold sees it: instants are ISO strings at millisecond precision. */
export interface JobSnapshotRow {
  jobId: string;
  firmId: string;
  matterId: string;
  folderId: string | null;
  /** The document ids frozen when the job started; never changes afterwards. */
  documentIds: string[];
  status: ProcessingJobStatus;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
  createdAt: string;
  updatedAt: string;
  lastPosition: LogPosition;
}
