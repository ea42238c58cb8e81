import { decideCancelProcessing, decideStartProcessing, expectationOf, foldProcessingJob } from '@sf/sync-jobs';
import { readLoggedEvent, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { withConflictRetry } from '../sync/conflict-retry';
import { derivedUuid } from '../sync/derived-ids';
import { applyPlannedAppends } from '../sync/planned-appends';
import type { SyncDeps } from '../sync/sync-deps';
import { documentIds } from './document-selection';

/**
 * The processing job waiting for a `process_click` sync has an id derived from that sync's id. At most one job
 * waits per sync (while it runs, every other POST /jobs for the matter is refused with 409), so the sync's
 * completion finds its job by reading one stream: no scan of the log, no extra table.
 */
export const waitingJobIdFor = (syncJobId: string): string => derivedUuid(syncJobId, 'processing-job');

export type StartWaitingResult = 'started' | 'nothing_waiting';

/**
 * Starts the job waiting for `syncJobId`, if there is one still waiting: freezes the live documents of its folder
 * and appends `JobStarted` at the version read (a concurrent cancel makes it re-read and find nothing waiting).
 * The event id derives from the causing event, so a redelivered completion changes nothing.
 */
export const startWaitingJob = (
  deps: SyncDeps,
  cause: { firmId: string; syncJobId: string; eventId: string; correlationId: string },
): Promise<StartWaitingResult> => {
  const jobId = waitingJobIdFor(cause.syncJobId);
  const meta = {
    firmId: cause.firmId,
    correlationId: cause.correlationId,
    causationId: cause.eventId,
    eventIds: [derivedUuid(cause.eventId, jobId, 'started')],
  };
  return withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx): Promise<StartWaitingResult> => {
      const s = foldProcessingJob((await readStream(trx, streamIds.processingJob(jobId))).map(readLoggedEvent));
      if (s === null || s.status !== 'waiting_for_sync' || s.firmId !== cause.firmId) return 'nothing_waiting';
      const ids = await documentIds(trx, {
        firmId: s.firmId,
        matterId: s.matterId,
        folderId: s.folderId,
        includeSubfolders: s.includeSubfolders,
      });
      await applyPlannedAppends(trx, [
        decideStartProcessing(
          { jobId, matterId: s.matterId, folderId: s.folderId, documentIds: ids, meta },
          deps.now(),
          expectationOf(s.version),
        ),
      ]);
      return 'started';
    }),
  );
};

/** Reason recorded on a waiting job whose sync failed or was cancelled. */
export const SYNC_DID_NOT_COMPLETE = 'The sync this job waited for did not complete';

/**
 * Cancels the job waiting for `syncJobId` when that sync failed or was cancelled: its snapshot would come from a
 * mirror that was never refreshed. A job already started or ended is left alone; redeliveries change nothing.
 */
export const cancelWaitingJob = (
  deps: SyncDeps,
  cause: { firmId: string; syncJobId: string; eventId: string; correlationId: string },
): Promise<'cancelled' | 'nothing_waiting'> => {
  const jobId = waitingJobIdFor(cause.syncJobId);
  const meta = {
    firmId: cause.firmId,
    correlationId: cause.correlationId,
    causationId: cause.eventId,
    eventIds: [derivedUuid(cause.eventId, jobId, 'cancelled')],
  };
  return withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx): Promise<'cancelled' | 'nothing_waiting'> => {
      const s = foldProcessingJob((await readStream(trx, streamIds.processingJob(jobId))).map(readLoggedEvent));
      if (s === null || s.status !== 'waiting_for_sync') return 'nothing_waiting';
      const outcome = decideCancelProcessing(s, { reason: SYNC_DID_NOT_COMPLETE, meta }, deps.now());
      if (!outcome.ok) return 'nothing_waiting';
      await applyPlannedAppends(trx, [outcome.append]);
      return 'cancelled';
    }),
  );
};
