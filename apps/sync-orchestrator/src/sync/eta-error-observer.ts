import {
  EventTypes,
  readLoggedEvent,
  streamIds,
  type CurrentEventData,
  type RecordedCatalogueEvent,
  type RecordedEvent,
} from '@sf/contracts';
import type { Executor } from '@sf/db';
import { LogPosition, readStream } from '@sf/event-store';
import { syncEtaErrorSeconds } from '@sf/metrics';
import { etaErrorAtHalf, type SyncLogEvent } from '@sf/sync-jobs';
import { TRIGGER_PROFILES } from '@sf/sync-policy';
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

/**
 * Records in `sf_sync_eta_error_seconds` how far the completed job's ETA at 50% was off, from the job's events in the
 * log. Runs in the consumer's transaction: a redelivery after a rollback could observe a job twice (rare; the
 * histogram tolerates it).
 */
export const observeEtaError = async (
  db: Executor<OrchestratorDb>,
  completed: Extract<RecordedCatalogueEvent, { type: 'SyncJobCompleted' }>,
): Promise<void> => {
  const data: CurrentEventData['SyncJobCompleted'] = completed.data;
  const scope = streamIds.syncScope(completed.metadata.firmId, data.scope);
  const [scopeEvents, jobEvents] = await Promise.all([
    readStream(db, scope, { types: [EventTypes.SyncRequested, EventTypes.SyncJobCompleted] }),
    readStream(db, streamIds.syncJob(data.jobId), { types: JOB_TYPES }),
  ]);
  const own = scopeEvents.filter((e) => (e.data as { jobId?: unknown }).jobId === data.jobId);
  const events = [...own, ...jobEvents].sort(byLog).map((e) => readLoggedEvent(e) as SyncLogEvent);
  const requested = events.find((e) => e.type === EventTypes.SyncRequested);
  if (requested?.type !== EventTypes.SyncRequested) return;
  const error = etaErrorAtHalf(events, TRIGGER_PROFILES[requested.data.trigger].spendsReserve);
  if (error === null) return;
  const offMs = error.actualMs - error.predictedMs;
  syncEtaErrorSeconds.observe({ direction: offMs > 0 ? 'late' : 'early' }, Math.abs(offMs) / 1000);
};
