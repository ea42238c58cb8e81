import type { Kysely } from 'kysely';
import { EventTypes } from '@sf/contracts';
import { readEventsById } from '@sf/event-store';
import { describeDecision, SyncAction, SyncReason, type SyncDecision } from '@sf/sync-policy';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import type { SyncRequestResult } from './request-sync';

/**
 * The answer to a request whose derived event ids are already in the log (a consumer's redelivery after the first
 * delivery's request committed): what that committed request did, read from its first event, as an idempotent
 * append answers with the original append. Deciding again from today's state could restart a stalled job with
 * ids the original `SyncRequested` already holds; the repeat changes nothing instead. The original's reason
 * (`ok` or `stale_bypass`) is not stored, so a repeated start reads `ok`.
 */
export const repeatedRequestResult = async (
  db: Kysely<OrchestratorDb>,
  eventIds: readonly string[],
): Promise<SyncRequestResult> => {
  const stored = await readEventsById(db, eventIds);
  const first = stored.get(eventIds[0]!.toLowerCase());
  const decision = originalDecision(first?.type);
  if (first === undefined || decision === null)
    throw new Error(`a repeated sync request whose first event is ${first?.type ?? 'not stored'}`);
  const jobId = (first.data as { jobId?: unknown }).jobId;
  return { decision, jobId: typeof jobId === 'string' ? jobId : null, message: describeDecision(decision) };
};

const originalDecision = (type: string | undefined): SyncDecision | null => {
  if (type === EventTypes.SyncRequested) return { action: SyncAction.Start, reason: SyncReason.Ok };
  if (type === EventTypes.SyncJobStalled) return { action: SyncAction.Start, reason: SyncReason.StalledRestart };
  return null;
};
