import { EventTypes, StreamTypes, streamIds } from '@sf/contracts';
import { makeEvent, type CommandMeta } from './command-meta';
import type { JobTail } from './job-tail';
import type { PlannedAppend } from './planned-append';
import type { ScopeState } from './scope-state';

/**
 * Move one entity type to the front of a running job. `entityTypes` are the job's (from `SyncJobStarted`; null
 * before it started); `tail` is the job stream's tail, read fresh. Uses `eventIds[0]`.
 */
export interface PrioritiseEntityType extends CommandMeta {
  readonly jobId: string;
  readonly entityType: string;
  readonly entityTypes: readonly string[] | null;
  readonly requestedBy: string | null;
  readonly tail: JobTail;
}

export const PrioritiseRefusal = {
  /** The job is not the active job of its scope any more (completed, failed or cancelled). */
  NotActive: 'not_active',
  /** No worker has started the job: its plan does not exist yet (the first page comes soon; ask again then). */
  NotStarted: 'not_started',
  /** The job does not list this entity type. */
  NotInJob: 'not_in_job',
} as const;
export type PrioritiseRefusal = (typeof PrioritiseRefusal)[keyof typeof PrioritiseRefusal];

export type PrioritiseOutcome =
  | { readonly ok: true; readonly appends: readonly PlannedAppend[] }
  | { readonly ok: false; readonly reason: PrioritiseRefusal };

/**
 * Decides a prioritisation: one `SyncEntityTypePrioritised` on the job stream at the version read. The worker's next
 * page append then conflicts; it re-reads the job and lists the entity type next (an entity type already listed is
 * left as it is, so asking twice, or for a finished one, is harmless). Pure: time is `now`.
 */
export const decidePrioritise = (cmd: PrioritiseEntityType, scope: ScopeState, now: Date): PrioritiseOutcome => {
  if (scope.activeJob?.jobId !== cmd.jobId) return { ok: false, reason: PrioritiseRefusal.NotActive };
  if (cmd.tail.version === 0 || cmd.entityTypes === null) return { ok: false, reason: PrioritiseRefusal.NotStarted };
  if (!cmd.entityTypes.includes(cmd.entityType)) return { ok: false, reason: PrioritiseRefusal.NotInJob };
  const event = makeEvent(
    cmd,
    0,
    EventTypes.SyncEntityTypePrioritised,
    { jobId: cmd.jobId, entityType: cmd.entityType, requestedBy: cmd.requestedBy },
    now,
  );
  return {
    ok: true,
    appends: [
      {
        streamId: streamIds.syncJob(cmd.jobId),
        streamType: StreamTypes.syncJob,
        expected: cmd.tail.version,
        events: [event],
      },
    ],
  };
};
