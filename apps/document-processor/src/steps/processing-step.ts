import type { ClioClient } from '@sf/clio-client';

/** One document of a job's snapshot, as a step sees it. */
export interface DocumentRef {
  firmId: string;
  jobId: string;
  matterId: string;
  documentId: string;
}

/** Facts about a document recorded in `DocumentProcessed`; the pipeline must produce all three. */
export interface DocumentFacts {
  /** Lowercase hex SHA-256 of the content. */
  sha256: string;
  /** Content length in bytes. */
  size: number;
  contentType: string;
}

export interface StepContext {
  client: ClioClient;
  /** Facts produced by the steps before this one. */
  facts: Partial<DocumentFacts>;
  /** Aborted when the job stops (cancel, lost lease, shutdown). */
  signal: AbortSignal;
}

/**
 * The outcome of a step. `retryable: true` failures are retried with backoff; others fail the document at once.
 * Reasons are user-facing and never contain tokens or document content.
 */
export type StepResult =
  { ok: true; facts?: Partial<DocumentFacts> } | { ok: false; retryable: boolean; reason: string };

/** A pluggable processing step; the job runs its steps in order for each document. */
export interface ProcessingStep {
  readonly name: string;
  process(doc: DocumentRef, ctx: StepContext): Promise<StepResult>;
}
