import { readLoggedEvent, streamIds } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { readStream, streamVersion } from '@sf/event-store';
import { EMPTY_JOB_TAIL, foldScope, jobTailOf, SyncScope, type JobTail, type ScopeState } from '@sf/sync-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** The state of a scope stream, folded from all its events (a few per job; small). */
export const readScope = async (db: Executor<OrchestratorDb>, firmId: string, scope: SyncScope): Promise<ScopeState> =>
  foldScope((await readStream(db, streamIds.syncScope(firmId, scope))).map(readLoggedEvent));

/** For a matter scope, the firm scope's state too (a firm-wide job covers every matter); null for the firm scope. */
export const readFirmScopeFor = (
  db: Executor<OrchestratorDb>,
  firmId: string,
  scope: SyncScope,
): Promise<ScopeState | null> =>
  scope.kind === 'matter' ? readScope(db, firmId, SyncScope.firm()) : Promise.resolve(null);

/**
 * The current version of a job stream and its last event, without reading the stream (which holds every page).
 */
export const readJobTail = async (db: Executor<OrchestratorDb>, jobId: string): Promise<JobTail> => {
  const streamId = streamIds.syncJob(jobId);
  const version = await streamVersion(db, streamId);
  if (version === 0) return EMPTY_JOB_TAIL;
  const [last] = await readStream(db, streamId, { fromPosition: version, limit: 1 });
  return jobTailOf(version, last === undefined ? null : readLoggedEvent(last));
};
