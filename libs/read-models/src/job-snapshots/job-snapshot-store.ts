import { sql, type Selectable } from 'kysely';
import type { Database, Executor } from '@sf/db';
import type { JobSnapshotRow, ProcessingJobStatus } from './job-snapshot-row';

type DbRow = Selectable<Database['job_snapshots']>;

const fromDb = (r: DbRow): JobSnapshotRow => ({
  jobId: r.job_id,
  firmId: r.firm_id,
  matterId: r.matter_id,
  folderId: r.folder_id,
  documentIds: r.document_ids,
  status: r.status as ProcessingJobStatus,
  total: r.total,
  processed: r.processed,
  skipped: r.skipped,
  failed: r.failed,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  lastPosition: { txId: BigInt(r.last_tx_id), position: BigInt(r.last_global_position) },
});

export const loadJobSnapshotRows = async (trx: Executor, jobIds: readonly string[]): Promise<JobSnapshotRow[]> => {
  if (jobIds.length === 0) return [];
  const rows = await trx
    .selectFrom('job_snapshots')
    .selectAll()
    .where('job_id', '=', sql<string>`any(${[...jobIds]}::text[])`)
    .execute();
  return rows.map(fromDb);
};

/** Rows per upsert statement (14 parameters each). */
const CHUNK = 1000;

/**
 * Multi-row upsert. The frozen columns (firm, matter, folder, documents, created_at) are written once; the WHERE
 * guard keeps a row that is already at or past the written position.
 */
export const upsertJobSnapshotRows = async (trx: Executor, rows: readonly JobSnapshotRow[]): Promise<void> => {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('job_snapshots')
      .values(rows.slice(i, i + CHUNK).map((r) => ({
        job_id: r.jobId,
        firm_id: r.firmId,
        matter_id: r.matterId,
        folder_id: r.folderId,
        document_ids: JSON.stringify(r.documentIds),
        status: r.status,
        total: r.total,
        processed: r.processed,
        skipped: r.skipped,
        failed: r.failed,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
        last_tx_id: r.lastPosition.txId.toString(),
        last_global_position: r.lastPosition.position.toString(),
      })))
      .onConflict((oc) =>
        oc.column('job_id')
          .doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            processed: eb.ref('excluded.processed'),
            skipped: eb.ref('excluded.skipped'),
            failed: eb.ref('excluded.failed'),
            updated_at: eb.ref('excluded.updated_at'),
            last_tx_id: eb.ref('excluded.last_tx_id'),
            last_global_position: eb.ref('excluded.last_global_position'),
          }))
          .where(sql<boolean>`(job_snapshots.last_tx_id, job_snapshots.last_global_position)
            < (excluded.last_tx_id, excluded.last_global_position)`),
      )
      .execute();
  }
};
