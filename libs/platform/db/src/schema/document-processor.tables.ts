import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Latest processing outcome per document (last job wins): SHA-256, size in bytes, content type. */
export interface ProcessedDocumentsTable {
  firm_id: string;
  document_id: string;
  job_id: string;
  sha256: string;
  /** Bytes; int8 arrives as a string. */
  size: ColumnType<string, number | string, number | string>;
  content_type: string;
  processed_at: Timestamp;
}

export interface DocumentProcessorTables {
  processed_documents: ProcessedDocumentsTable;
}
