import { EventTypes, SyncScopeKinds, type EventType } from '@sf/contracts';
import { Disposition, type MessageHandler } from '@sf/messaging';
import type { SyncDeps } from '../sync/sync-deps';
import { observeEtaError } from '../sync/eta-error-observer';
import { cancelWaitingJob, startWaitingJob } from './waiting-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/**
 * Durable consumers (one per event type: NATS 2.9 consumers take one filter subject) that settle the processing
 * job a `process_click` sync was requested for.
 */
export const SYNC_ENDED_CONSUMERS: ReadonlyArray<{ name: string; eventType: EventType }> = [
  { name: 'sync-orchestrator-processing-after-sync-completed', eventType: EventTypes.SyncJobCompleted },
  { name: 'sync-orchestrator-processing-after-sync-failed', eventType: EventTypes.SyncJobFailed },
  { name: 'sync-orchestrator-processing-after-sync-cancelled', eventType: EventTypes.SyncJobCancelled },
];

/**
 * The end of a sync → the ETA error metric (completed jobs), and for a matter sync the processing job waiting for it (if any): `SyncJobCompleted` freezes its snapshot
 * and starts it; `SyncJobFailed|Cancelled` cancels it. A sync nothing waits for is acked; any other event type is
 * dead-lettered (its consumer filters these types, so one would be a bug).
 */
export const syncEndedHandler =
  (deps: SyncDeps): MessageHandler<OrchestratorDb> =>
  async (event) => {
    const ended =
      event.type === EventTypes.SyncJobCompleted ||
      event.type === EventTypes.SyncJobFailed ||
      event.type === EventTypes.SyncJobCancelled;
    if (!ended) return Disposition.dead('not a SyncJobCompleted, SyncJobFailed or SyncJobCancelled');
    if (event.type === EventTypes.SyncJobCompleted) await observeEtaError(deps.db, event, deps.log);
    const data = event.data;
    if (data.scope.kind !== SyncScopeKinds.matter) return Disposition.ack;
    const cause = {
      firmId: event.metadata.firmId,
      syncJobId: data.jobId,
      eventId: event.eventId,
      correlationId: event.metadata.correlationId,
    };
    await (event.type === EventTypes.SyncJobCompleted ? startWaitingJob(deps, cause) : cancelWaitingJob(deps, cause));
    return Disposition.ack;
  };
