import { tablesOf, type Executor } from '@sf/db';
import { isProcessingJobStatus, type ProcessingJobStatus } from '@sf/sync-jobs';
import type { ReadModelTables } from '../schema/read-models.tables';

/** What a list of processing jobs shows of each one (the frozen document list and outcomes left out). */
export interface ProcessingJobItem {
  jobId: string;
  matterId: string;
  folderId: string | null;
  status: ProcessingJobStatus;
  total: number;
  processed: number;
  skipped: number;
  failed: number;
  /** ISO instants (event time). */
  createdAt: string;
  updatedAt: string;
}

export interface ProcessingJobListQuery {
  firmId: string;
  matterId?: string;
  status?: ProcessingJobStatus;
  /** Rows after this (createdAt ISO, jobId) key: keyset paging, newest first. */
  after: { createdAt: string; jobId: string } | null;
  limit: number;
}

// Written only by the projection; a status it could not have written is a bug.
const statusOf = (jobId: string, status: string): ProcessingJobStatus => {
  if (!isProcessingJobStatus(status)) throw new Error(`job_snapshots ${jobId}: unknown status ${status}`);
  return status;
};

/** A firm's processing jobs, newest first: at most `limit` rows after the `after` key. */
export const listProcessingJobs = async <DB extends ReadModelTables>(
  db: Executor<DB>,
  q: ProcessingJobListQuery,
): Promise<ProcessingJobItem[]> => {
  let query = tablesOf<ReadModelTables, DB>(db)
    .selectFrom('job_snapshots')
    .select(['job_id', 'matter_id', 'folder_id', 'status', 'total', 'processed', 'skipped', 'failed'])
    .select(['created_at', 'updated_at'])
    .where('firm_id', '=', q.firmId)
    .orderBy('created_at', 'desc')
    .orderBy('job_id', 'desc')
    .limit(q.limit);
  if (q.matterId !== undefined) query = query.where('matter_id', '=', q.matterId);
  if (q.status !== undefined) query = query.where('status', '=', q.status);
  const after = q.after;
  if (after !== null)
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', new Date(after.createdAt)),
        eb.and([eb('created_at', '=', new Date(after.createdAt)), eb('job_id', '<', after.jobId)]),
      ]),
    );
  return (await query.execute()).map((r) => ({
    jobId: r.job_id,
    matterId: r.matter_id,
    folderId: r.folder_id,
    status: statusOf(r.job_id, r.status),
    total: r.total,
    processed: r.processed,
    skipped: r.skipped,
    failed: r.failed,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
};
