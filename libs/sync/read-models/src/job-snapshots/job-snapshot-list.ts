import { tablesOf, type Executor } from '@sf/db';
import type { ProcessingJobStatus } from '@sf/sync-jobs';
import type { JobSnapshotSummary } from './job-snapshot-row';
import { SUMMARY_COLUMNS, summaryOf } from './job-snapshot-store';
import type { ReadModelTables } from '../schema/read-models.tables';

export interface ProcessingJobListQuery {
  firmId: string;
  matterId?: string;
  status?: ProcessingJobStatus;
  /** Rows after this (createdAt ISO, jobId) key: keyset paging, newest first. */
  after: { createdAt: string; jobId: string } | null;
  limit: number;
}

/** A firm's processing jobs, newest first: at most `limit` rows after the `after` key. */
export const listProcessingJobs = async <DB extends ReadModelTables>(
  db: Executor<DB>,
  q: ProcessingJobListQuery,
): Promise<JobSnapshotSummary[]> => {
  let query = tablesOf<ReadModelTables, DB>(db)
    .selectFrom('job_snapshots')
    .select(SUMMARY_COLUMNS)
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
  return (await query.execute()).map(summaryOf);
};
