import { randomUUID } from 'node:crypto';
import { decidePrioritise, PrioritiseRefusal } from '@sf/sync-jobs';
import { withConflictRetry } from './conflict-retry';
import { applyPlannedAppends } from './planned-appends';
import { readJob } from './read-model-queries';
import { readJobTail, readScope } from './stream-reads';
import type { SyncDeps } from './sync-deps';

export interface PrioritiseJobInput {
  firmId: string;
  jobId: string;
  entityType: string;
  requestedBy: string | null;
}

export type PrioritiseJobResult =
  | { kind: 'not_found' }
  | { kind: 'refused'; reason: PrioritiseRefusal; message: string }
  | { kind: 'done'; jobId: string; entityType: string; message: string };

const REFUSAL_MESSAGES: Record<PrioritiseRefusal, string> = {
  [PrioritiseRefusal.NotActive]: 'The sync job has already ended',
  [PrioritiseRefusal.NotStarted]: 'The sync job has not started yet; try again in a moment',
  [PrioritiseRefusal.NotInJob]: 'The sync job does not fetch this kind of record',
};

/**
 * Moves an entity type to the front of a running job: decided from the scope stream and the job stream's tail, read
 * fresh in the transaction, and appended at the version read (a worker's page append meanwhile makes it decide again).
 */
export const prioritiseJob = async (deps: SyncDeps, input: PrioritiseJobInput): Promise<PrioritiseJobResult> => {
  const job = await readJob(deps.db, input.jobId, input.firmId);
  if (job === null) return { kind: 'not_found' };
  const eventIds = [deps.newId()] as const;
  const correlationId = randomUUID();
  return withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx): Promise<PrioritiseJobResult> => {
      const scope = await readScope(trx, job.firmId, job.scope);
      const tail = await readJobTail(trx, job.jobId);
      const outcome = decidePrioritise(
        {
          firmId: job.firmId,
          correlationId,
          causationId: null,
          eventIds,
          jobId: job.jobId,
          entityType: input.entityType,
          // The read model's plan (from SyncJobStarted); null until it is projected: "not started".
          entityTypes: job.startedAt === null ? null : job.entityTypes,
          requestedBy: input.requestedBy,
          tail,
        },
        scope,
        deps.now(),
      );
      if (!outcome.ok) return { kind: 'refused', reason: outcome.reason, message: REFUSAL_MESSAGES[outcome.reason] };
      await applyPlannedAppends(trx, outcome.appends);
      return {
        kind: 'done',
        jobId: job.jobId,
        entityType: input.entityType,
        message: `${input.entityType} will be fetched next`,
      };
    }),
  );
};
