import { setTimeout as sleep } from 'node:timers/promises';
import type { Executor } from '@sf/db';
import type { DocumentFacts, DocumentRef, ProcessingStep, StepContext } from '../steps/processing-step';
import type { Outcome } from './job-writer';
import type { ProcessorDb } from '../schema/processor-schema';

export interface RetrySettings {
  /** Attempts per document before `DocumentFailed`. Default 3. */
  attempts: number;
  /** First retry delay, doubled per attempt, ms. Default 500. */
  baseMs: number;
}

/** Reason recorded for a document trashed or swept in Clio after the snapshot was taken. */
export const DELETED_REASON = 'deleted in Clio';

/** Whether the mirror marks the document soft-deleted (checked just before processing it). */
export const isSoftDeleted = async (
  db: Executor<ProcessorDb>,
  firmId: string,
  documentId: string,
): Promise<boolean> => {
  const row = await db
    .selectFrom('clio_documents')
    .select('is_soft_deleted')
    .where('firm_id', '=', firmId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  return row?.is_soft_deleted === true;
};

const isFacts = (f: Partial<DocumentFacts>): f is DocumentFacts =>
  typeof f.sha256 === 'string' && typeof f.size === 'number' && typeof f.contentType === 'string';

type Attempt = { ok: true; facts: DocumentFacts } | { ok: false; retryable: boolean; reason: string };

const runSteps = async (
  steps: readonly ProcessingStep[],
  doc: DocumentRef,
  ctx: Omit<StepContext, 'facts'>,
): Promise<Attempt> => {
  let facts: Partial<DocumentFacts> = {};
  for (const step of steps) {
    let r;
    try {
      r = await step.process(doc, { ...ctx, facts });
    } catch {
      // A throwing step is treated as transient; its message may hold content, so it is not recorded.
      return { ok: false, retryable: true, reason: `${step.name} failed` };
    }
    if (!r.ok) return { ok: false, retryable: r.retryable, reason: `${step.name}: ${r.reason}` };
    facts = { ...facts, ...r.facts };
  }
  return isFacts(facts)
    ? { ok: true, facts }
    : { ok: false, retryable: false, reason: 'no step produced sha256, size and content type' };
};

/**
 * One document: skipped if the mirror says it was deleted, else the steps in order with retries and backoff for
 * transient failures. Returns null when the job stopped meanwhile (no outcome to record).
 */
export const processDocument = async (
  db: Executor<ProcessorDb>,
  steps: readonly ProcessingStep[],
  doc: DocumentRef,
  ctx: Omit<StepContext, 'facts'>,
  retry: RetrySettings,
): Promise<Outcome | null> => {
  if (await isSoftDeleted(db, doc.firmId, doc.documentId))
    return { kind: 'skipped', documentId: doc.documentId, reason: DELETED_REASON };
  let reason = 'not attempted';
  for (let attempt = 0; attempt < retry.attempts; attempt++) {
    if (attempt > 0)
      await sleep(retry.baseMs * 2 ** (attempt - 1), undefined, { signal: ctx.signal }).catch(() => undefined);
    if (ctx.signal.aborted) return null;
    const r = await runSteps(steps, doc, ctx);
    if (r.ok) return { kind: 'processed', documentId: doc.documentId, facts: r.facts };
    reason = r.reason;
    if (!r.retryable) break;
  }
  if (ctx.signal.aborted) return null;
  return { kind: 'failed', documentId: doc.documentId, reason };
};
