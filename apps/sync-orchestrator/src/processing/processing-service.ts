import { randomUUID } from 'node:crypto';
import { readLoggedEvent, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import {
  decideCancelProcessing,
  decideRequestProcessing,
  decideStartProcessing,
  foldProcessingJob,
  gateProcessing,
  processingJobView,
  SyncScope,
  type ProcessingJobState,
  type ProcessingJobView,
} from '@sf/sync-jobs';
import type { Executor } from '@sf/db';
import { withConflictRetry } from '../sync/conflict-retry';
import { applyPlannedAppends } from '../sync/planned-appends';
import { isMatterVisible } from '../sync/read-model-queries';
import type { SyncRequestResult } from '../sync/request-sync';
import { readScope } from '../sync/stream-reads';
import type { SyncDeps } from '../sync/sync-deps';
import type { SyncService } from '../sync/sync-service';
import { countDocuments, documentIds, type DocumentSelection } from './document-selection';
import { waitingJobIdFor } from './waiting-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

export interface CreateProcessingJobInput {
  firmId: string;
  matterId: string;
  folderId: string | null;
  /** Freeze the folder's whole subtree instead of its direct children. Default false. */
  includeSubfolders?: boolean;
  requestedBy: string | null;
}

export type CreateProcessingJobResult =
  | { kind: 'not_found' }
  /** The matter's or the firm's scope has an active sync job: the mirror is changing, so no snapshot now. */
  | { kind: 'sync_in_progress'; syncJobId: string }
  /** Never synced: a `process_click` sync started; the job starts when it completes. */
  | { kind: 'waiting_for_sync'; jobId: string; syncJobId: string }
  /** Never synced, and the `process_click` sync could not start: its decision says why. */
  | { kind: 'sync_refused'; sync: SyncRequestResult }
  | { kind: 'started'; jobId: string; documentCount: number };

export type CancelProcessingJobResult =
  { kind: 'not_found' } | { kind: 'already_finished' } | { kind: 'cancelled'; jobId: string };

/** Processing jobs over frozen document snapshots; see `createProcessingService`. */
export interface ProcessingService {
  /** `GET /matters/{id}/documents/count`; null when the matter is not visible to the firm. */
  countDocuments(selection: DocumentSelection): Promise<number | null>;
  create(input: CreateProcessingJobInput): Promise<CreateProcessingJobResult>;
  /** `GET /jobs/{id}`: folded from the job's stream (read-your-writes); null for a missing or foreign job. */
  job(firmId: string, jobId: string): Promise<ProcessingJobView | null>;
  cancel(firmId: string, jobId: string, reason: string): Promise<CancelProcessingJobResult>;
}

const readProcessingJob = async (db: Executor<OrchestratorDb>, jobId: string): Promise<ProcessingJobState | null> =>
  foldProcessingJob((await readStream(db, streamIds.processingJob(jobId))).map(readLoggedEvent));

/** Syncing = an active job on the matter's or the firm's scope; synced = either scope completed once. */
const syncFacts = async (db: Executor<OrchestratorDb>, firmId: string, matterId: string) => {
  const [matter, firm] = [
    await readScope(db, firmId, SyncScope.matter(matterId)),
    await readScope(db, firmId, SyncScope.firm()),
  ];
  const active = matter.activeJob ?? firm.activeJob;
  return { activeJobId: active?.jobId ?? null, everSynced: matter.lastSyncedAt !== null || firm.lastSyncedAt !== null };
};

/**
 * Freezes the snapshot and appends `JobStarted` at `no_stream` in one transaction: the ids are exactly the live
 * documents at that instant, whatever a later sync changes. A sync that opens after the gate was checked is
 * harmless for the same reason (the job works from its snapshot; deletions are the processor's skip).
 */
const startJob = (deps: SyncDeps, input: CreateProcessingJobInput): Promise<CreateProcessingJobResult> => {
  const jobId = deps.newId();
  const meta = { firmId: input.firmId, correlationId: randomUUID(), causationId: null, eventIds: [deps.newId()] };
  return deps.db.transaction().execute(async (trx) => {
    const ids = await documentIds(trx, { ...input, includeSubfolders: input.includeSubfolders ?? false });
    const append = decideStartProcessing(
      { jobId, matterId: input.matterId, folderId: input.folderId, documentIds: ids, meta },
      deps.now(),
    );
    await applyPlannedAppends(trx, [append]);
    return { kind: 'started', jobId, documentCount: ids.length };
  });
};

/**
 * Records the job waiting for `syncJobId` (`ProcessingJobRequested`, id derived from the sync's). The sync committed
 * first, in its own transaction: a crash in between leaves a sync nothing waits for, and the next POST /jobs after
 * it completes starts the job directly.
 */
const requestJob = async (
  deps: SyncDeps,
  input: CreateProcessingJobInput,
  syncJobId: string,
): Promise<CreateProcessingJobResult> => {
  const jobId = waitingJobIdFor(syncJobId);
  const meta = { firmId: input.firmId, correlationId: randomUUID(), causationId: null, eventIds: [deps.newId()] };
  const append = decideRequestProcessing(
    {
      jobId,
      matterId: input.matterId,
      folderId: input.folderId,
      includeSubfolders: input.includeSubfolders ?? false,
      syncJobId,
      meta,
    },
    deps.now(),
  );
  await deps.db.transaction().execute((trx) => applyPlannedAppends(trx, [append]));
  return { kind: 'waiting_for_sync', jobId, syncJobId };
};

const create = async (
  deps: SyncDeps,
  sync: SyncService,
  input: CreateProcessingJobInput,
): Promise<CreateProcessingJobResult> => {
  if (!(await isMatterVisible(deps.db, input.firmId, input.matterId))) return { kind: 'not_found' };
  const facts = await syncFacts(deps.db, input.firmId, input.matterId);
  const gate = gateProcessing({ syncing: facts.activeJobId !== null, everSynced: facts.everSynced });
  if (gate.action === 'refuse') return { kind: 'sync_in_progress', syncJobId: facts.activeJobId! };
  if (gate.action === 'sync_first') {
    const result = await sync.request({
      firmId: input.firmId,
      scope: SyncScope.matter(input.matterId),
      trigger: 'process_click',
      requestedBy: input.requestedBy,
    });
    if (result.decision.action !== 'start' || result.jobId === null) return { kind: 'sync_refused', sync: result };
    return requestJob(deps, input, result.jobId);
  }
  return startJob(deps, input);
};

const cancel = (deps: SyncDeps, firmId: string, jobId: string, reason: string): Promise<CancelProcessingJobResult> => {
  const meta = { firmId, correlationId: randomUUID(), causationId: null, eventIds: [deps.newId()] };
  return withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx): Promise<CancelProcessingJobResult> => {
      const outcome = decideCancelProcessing(await readProcessingJob(trx, jobId), { reason, meta }, deps.now());
      if (!outcome.ok) return { kind: outcome.reason };
      await applyPlannedAppends(trx, [outcome.append]);
      return { kind: 'cancelled', jobId };
    }),
  );
};

export const createProcessingService = (deps: SyncDeps, sync: SyncService): ProcessingService => ({
  countDocuments: async (s) =>
    (await isMatterVisible(deps.db, s.firmId, s.matterId)) ? countDocuments(deps.db, s) : null,
  create: (input) => create(deps, sync, input),
  job: async (firmId, jobId) => {
    const s = await readProcessingJob(deps.db, jobId);
    return s !== null && s.firmId === firmId ? processingJobView(s) : null;
  },
  cancel: (firmId, jobId, reason) => cancel(deps, firmId, jobId, reason),
});
