import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * Latest processing outcome per document (last job wins): SHA-256, size in bytes, content type. A projection of
 * `DocumentProcessed` events (read-model/processed-documents.projection.ts); `processed_at` is event time.
 */
export interface ProcessedDocumentsTable {
  firm_id: string;
  document_id: string;
  job_id: string;
  sha256: string;
  /** Bytes; int8 arrives as a string. */
  size: ColumnType<string, number | string, number | string>;
  content_type: string;
  processed_at: Timestamp;
  /** Log position of the event that wrote the row; null on rows written before this was a projection. */
  last_tx_id: ColumnType<string | null, string | bigint, string | bigint>;
  last_global_position: ColumnType<string | null, string | bigint, string | bigint>;
}

export interface DocumentProcessorTables {
  processed_documents: ProcessedDocumentsTable;
}
