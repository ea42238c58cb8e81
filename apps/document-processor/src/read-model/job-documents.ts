import { tablesOf, type Executor } from '@sf/db';
import type { DocumentProcessorTables } from '../schema/document-processor.tables';

/** A document a job processed, as `GET /jobs/{id}/documents` lists it. */
export interface ProcessedDocumentItem {
  documentId: string;
  sha256: string;
  /** Bytes. */
  size: number;
  contentType: string;
  /** ISO instant (event time). */
  processedAt: string;
}

/**
 * The documents whose latest processing was by `jobId` (a document processed again by a later job is listed under
 * that job), in document id order: at most `limit` rows after `afterDocumentId`.
 */
export const listJobDocuments = async <DB extends DocumentProcessorTables>(
  db: Executor<DB>,
  q: { firmId: string; jobId: string; afterDocumentId: string | null; limit: number },
): Promise<ProcessedDocumentItem[]> => {
  let query = tablesOf<DocumentProcessorTables, DB>(db)
    .selectFrom('processed_documents')
    .select(['document_id', 'sha256', 'size', 'content_type', 'processed_at'])
    .where('firm_id', '=', q.firmId)
    .where('job_id', '=', q.jobId)
    .orderBy('document_id')
    .limit(q.limit);
  if (q.afterDocumentId !== null) query = query.where('document_id', '>', q.afterDocumentId);
  return (await query.execute()).map((r) => ({
    documentId: r.document_id,
    sha256: r.sha256,
    size: Number(r.size),
    contentType: r.content_type,
    processedAt: r.processed_at.toISOString(),
  }));
};
