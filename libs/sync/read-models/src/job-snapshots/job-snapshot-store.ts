import { sql, type Selectable } from 'kysely';
import type { Executor } from '@sf/db';
import { isProcessingJobStatus, OutcomeKind } from '@sf/sync-jobs';
import type { JobSnapshotRow, JobSnapshotSummary } from './job-snapshot-row';
import type { ReadModelTables } from '../schema/read-models.tables';

type DbRow = Selectable<ReadModelTables['job_snapshots']>;

const OUTCOME_KINDS: ReadonlySet<string> = new Set(Object.values(OutcomeKind));
const isOutcomeKind = (v: string): v is OutcomeKind => OUTCOME_KINDS.has(v);

// Written only by this projection; a value it could not have written is a bug, so loading fails loudly.
const outcomesOf = (r: DbRow): Record<string, OutcomeKind> =>
  Object.fromEntries(
    Object.entries(r.outcomes).map(([id, kind]) => {
      if (!isOutcomeKind(kind)) throw new Error(`job_snapshots ${r.job_id}: unknown outcome ${kind}`);
      return [id, kind];
    }),
  );

const statusOf = (r: Pick<DbRow, 'job_id' | 'status'>): JobSnapshotRow['status'] => {
  if (!isProcessingJobStatus(r.status)) throw new Error(`job_snapshots ${r.job_id}: unknown status ${r.status}`);
  return r.status;
};

/** The columns of a {@link JobSnapshotSummary}: what a list reads (the document list and outcomes can be large). */
export const SUMMARY_COLUMNS = [
  'job_id',
  'matter_id',
  'folder_id',
  'status',
  'total',
  'processed',
  'skipped',
  'failed',
  'created_at',
  'updated_at',
] as const;

export const summaryOf = (r: Pick<DbRow, (typeof SUMMARY_COLUMNS)[number]>): JobSnapshotSummary => ({
  jobId: r.job_id,
  matterId: r.matter_id,
  folderId: r.folder_id,
  status: statusOf(r),
  total: r.total,
  processed: r.processed,
  skipped: r.skipped,
  failed: r.failed,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const fromDb = (r: DbRow): JobSnapshotRow => ({
  ...summaryOf(r),
  firmId: r.firm_id,
  documentIds: r.document_ids,
  outcomes: outcomesOf(r),
  lastPosition: { txId: BigInt(r.last_tx_id), position: BigInt(r.last_global_position) },
});

export const loadJobSnapshotRows = async (
  trx: Executor<ReadModelTables>,
  jobIds: readonly string[],
): Promise<JobSnapshotRow[]> => {
  if (jobIds.length === 0) return [];
  const rows = await trx
    .selectFrom('job_snapshots')
    .selectAll()
    .where('job_id', '=', sql<string>`any(${[...jobIds]}::text[])`)
    .execute();
  return rows.map(fromDb);
};

/**
 * One upsert for all rows (an array parameter per column, unnested). The frozen columns (firm, matter, folder,
 * documents, created_at) are written once; the WHERE guard keeps a row already at or past the written position.
 */
export const upsertJobSnapshotRows = async (
  db: Executor<ReadModelTables>,
  rows: readonly JobSnapshotRow[],
): Promise<void> => {
  if (rows.length === 0) return;
  const col = <T>(f: (r: JobSnapshotRow) => T): T[] => rows.map(f);
  await sql`
    insert into job_snapshots (job_id, firm_id, matter_id, folder_id, document_ids, status, outcomes, total, processed,
      skipped, failed, created_at, updated_at, last_tx_id, last_global_position)
    select * from unnest(
      ${col((r) => r.jobId)}::text[], ${col((r) => r.firmId)}::text[], ${col((r) => r.matterId)}::text[],
      ${col((r) => r.folderId)}::text[], ${col((r) => JSON.stringify(r.documentIds))}::jsonb[], ${col((r) => r.status)}::text[],
      ${col((r) => JSON.stringify(r.outcomes))}::jsonb[], ${col((r) => r.total)}::int[], ${col((r) => r.processed)}::int[], ${col((r) => r.skipped)}::int[],
      ${col((r) => r.failed)}::int[], ${col((r) => r.createdAt)}::timestamptz[], ${col((r) => r.updatedAt)}::timestamptz[],
      ${col((r) => r.lastPosition.txId.toString())}::bigint[], ${col((r) => r.lastPosition.position.toString())}::bigint[])
    on conflict (job_id) do update set
      status = excluded.status, outcomes = excluded.outcomes, processed = excluded.processed, skipped = excluded.skipped, failed = excluded.failed,
      updated_at = excluded.updated_at, last_tx_id = excluded.last_tx_id, last_global_position = excluded.last_global_position
    where (job_snapshots.last_tx_id, job_snapshots.last_global_position)
      < (excluded.last_tx_id, excluded.last_global_position)`.execute(db);
};
