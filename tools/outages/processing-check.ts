// What a processing job left behind, read from the log and the processed_documents read model: every document of its
// frozen snapshot with exactly one outcome, one JobCompleted, and one processed_documents row per processed document.
import { sql, type Kysely } from 'kysely';
import { streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import type { PlatformDb } from '../migration-sets';

export interface ProcessingCheck {
  /** Documents of the job's frozen snapshot. */
  documents: number;
  /** Snapshot documents without an outcome (DocumentProcessed, DocumentSkipped or DocumentFailed). */
  withoutOutcome: number;
  /** Snapshot documents with more than one outcome. */
  doubled: number;
  processed: number;
  /** `processed_documents` rows of the job (the read model a user lists). */
  processedRows: number;
  jobCompleted: number;
}

const OUTCOMES = new Set(['DocumentProcessed', 'DocumentSkipped', 'DocumentFailed']);

export const checkProcessingJob = async (db: Kysely<PlatformDb>, jobId: string): Promise<ProcessingCheck> => {
  const events = await readStream(db, streamIds.processingJob(jobId));
  const started = events.find((e) => e.type === 'JobStarted')?.data as { documentIds: string[] } | undefined;
  const snapshot = started?.documentIds ?? [];
  const outcomes = new Map<string, number>();
  let processed = 0;
  for (const e of events.filter((x) => OUTCOMES.has(x.type))) {
    const id = (e.data as { documentId: string }).documentId;
    outcomes.set(id, (outcomes.get(id) ?? 0) + 1);
    if (e.type === 'DocumentProcessed') processed += 1;
  }
  const { rows } = await sql<{ n: string }>`
    select count(*)::text as n from processed_documents where job_id = ${jobId}`.execute(db);
  return {
    documents: snapshot.length,
    withoutOutcome: snapshot.filter((id) => !outcomes.has(id)).length,
    doubled: [...outcomes.values()].filter((n) => n > 1).length,
    processed,
    processedRows: Number(rows[0]?.n ?? 0),
    jobCompleted: events.filter((e) => e.type === 'JobCompleted').length,
  };
};
