import {
  EventTypes,
  readLoggedEvent,
  streamIds,
  type CurrentEventData,
  type RecordedCatalogueEvent,
  type RecordedEvent,
} from '@sf/contracts';
import type { Logger } from 'pino';
import type { Executor } from '@sf/db';
import { LogPosition, readStream } from '@sf/event-store';
import { syncEtaErrorSeconds } from '@sf/metrics';
import { etaErrorAtHalf, type EtaError, type SyncLogEvent } from '@sf/sync-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

// The job's own stream without its page bodies: the job view reads progress from SyncProgressed.
const JOB_TYPES = [
  EventTypes.SyncJobStarted,
  EventTypes.SyncProgressed,
  EventTypes.SyncEntityForbidden,
  EventTypes.SyncListingRestarted,
  EventTypes.SyncPhaseCompleted,
  EventTypes.SyncJobBlocked,
  EventTypes.SyncJobResumed,
  EventTypes.SyncJobPaused,
  EventTypes.SyncJobStalled,
];

const byLog = (a: RecordedEvent, b: RecordedEvent): number => LogPosition.compare(LogPosition.of(a), LogPosition.of(b));

/** How far the completed job's ETA at 50% was off, from the job's events in the log; null when it cannot say. */
export const etaErrorOfJob = async (
  db: Executor<OrchestratorDb>,
  completed: Extract<RecordedCatalogueEvent, { type: 'SyncJobCompleted' }>,
): Promise<EtaError | null> => {
  const data: CurrentEventData['SyncJobCompleted'] = completed.data;
  const scope = streamIds.syncScope(completed.metadata.firmId, data.scope);
  const [scopeEvents, jobEvents] = await Promise.all([
    readStream(db, scope, { types: [EventTypes.SyncRequested, EventTypes.SyncJobCompleted] }),
    readStream(db, streamIds.syncJob(data.jobId), { types: JOB_TYPES }),
  ]);
  const own = scopeEvents.filter((e) => (e.data as { jobId?: unknown }).jobId === data.jobId);
  const events = [...own, ...jobEvents].sort(byLog).map((e) => readLoggedEvent(e) as SyncLogEvent);
  // Without the job's request in the log the fold has no job to follow.
  if (!events.some((e) => e.type === EventTypes.SyncRequested)) return null;
  return etaErrorAtHalf(events);
};

/**
 * Records in `sf_sync_eta_error_seconds` how far a completed job's ETA at 50% was off. Reads the pool, not the
 * consumer's transaction, and never throws: a metric must not hold up the consumer (a redelivery may observe a job
 * twice; the histogram tolerates it).
 */
export const observeEtaError = async (
  db: Executor<OrchestratorDb>,
  completed: Extract<RecordedCatalogueEvent, { type: 'SyncJobCompleted' }>,
  log: Logger | undefined,
): Promise<void> => {
  try {
    const error = await etaErrorOfJob(db, completed);
    if (error === null) return;
    const offMs = error.actualMs - error.predictedMs;
    syncEtaErrorSeconds.observe({ direction: offMs > 0 ? 'late' : 'early' }, Math.abs(offMs) / 1000);
    log?.info({ jobId: completed.data.jobId, ...error }, 'sync ETA at half-way against the time it took');
  } catch (err) {
    log?.warn(
      { jobId: completed.data.jobId, err: err instanceof Error ? err.name : 'unknown' },
      'ETA error not measured',
    );
  }
};
