import { randomUUID } from 'node:crypto';
import { ControlRefusal, decideControl, type JobControl, type SyncJobState } from '@sf/sync-jobs';
import { withConflictRetry } from './conflict-retry';
import { applyPlannedAppends } from './planned-appends';
import { readJob } from './read-model-queries';
import { readJobTail, readScope } from './stream-reads';
import type { SyncDeps } from './sync-deps';

export interface ControlJobInput {
  /** The caller's firm (from the JWT); null for operators and the CLI (any firm). */
  firmId: string | null;
  jobId: string;
  control: JobControl;
  /** Recorded on the pause or cancellation. Default "<Control> requested". */
  reason?: string;
  requestedBy: string | null;
}

export type ControlJobResult =
  /** No such job for this firm (or not projected yet). */
  | { kind: 'not_found' }
  | { kind: 'refused'; reason: ControlRefusal; message: string }
  /** `state`: the job's state once the events are projected (unchanged by a reset of an ended job: null). */
  | { kind: 'done'; jobId: string; state: SyncJobState | null; message: string };

const REFUSAL_MESSAGES: Record<ControlRefusal, string> = {
  [ControlRefusal.NotActive]: 'The sync job has already ended',
  [ControlRefusal.AlreadyPaused]: 'The sync job is already paused',
  [ControlRefusal.NotPaused]: 'The sync job is not paused',
};

const DONE_MESSAGES: Record<JobControl, string> = {
  stop: 'Sync paused',
  resume: 'Sync resumed',
  cancel: 'Sync cancelled',
  reset: 'The next sync will be a full sync',
};

const defaultReason = (c: JobControl): string => `${c[0]!.toUpperCase()}${c.slice(1)} requested`;

/**
 * Stop (pause), resume, cancel or reset one job. The job's scope comes from the `sync_jobs` read model; the
 * decision is made from the scope stream and the job stream's tail, read fresh in the transaction, and the events
 * are appended at the versions read: a worker appending meanwhile makes the attempt roll back and decide again.
 */
export const controlJob = async (deps: SyncDeps, input: ControlJobInput): Promise<ControlJobResult> => {
  const job = await readJob(deps.db, input.jobId, input.firmId);
  if (job === null) return { kind: 'not_found' };
  const eventIds = [deps.newId(), deps.newId(), deps.newId()] as const;
  const correlationId = randomUUID();
  return withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx): Promise<ControlJobResult> => {
      const scope = await readScope(trx, job.firmId, job.scope);
      const tail = await readJobTail(trx, job.jobId);
      const outcome = decideControl(
        {
          firmId: job.firmId,
          correlationId,
          causationId: null,
          eventIds,
          control: input.control,
          jobId: job.jobId,
          scope: job.scope,
          reason: input.reason ?? defaultReason(input.control),
          requestedBy: input.requestedBy,
          tail,
        },
        scope,
        deps.now(),
      );
      if (!outcome.ok) return { kind: 'refused', reason: outcome.reason, message: REFUSAL_MESSAGES[outcome.reason] };
      await applyPlannedAppends(trx, outcome.appends);
      return { kind: 'done', jobId: job.jobId, state: outcome.state, message: DONE_MESSAGES[input.control] };
    }),
  );
};
