import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import {
  EventTypes,
  readLoggedEvent,
  streamIds,
  type RecordedCatalogueEvent,
  type RecordedEventOf,
} from '@sf/contracts';
import type { Executor } from '@sf/db';
import { LogPosition, readStream } from '@sf/event-store';
import { Disposition, type MessageHandler } from '@sf/messaging';
import { tryCatchUp, type Projection } from '@sf/projections';
import type { SyncReadModelTables } from '@sf/sync-read-models';
import { decideControl, foldScope, JobControl, SyncJobState, SyncScope } from '@sf/sync-jobs';
import { withConflictRetry } from '../sync/conflict-retry';
import { derivedUuid } from '../sync/derived-ids';
import { applyPlannedAppends } from '../sync/planned-appends';
import { readJobTail } from '../sync/stream-reads';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** Durable consumer that cancels a firm's active sync jobs when its Clio connection is revoked. */
export const CONNECTION_REVOKED_CONSUMER = 'sync-orchestrator-connection-revoked';

/** `SyncJobCancelled.reason` of every job a revocation cancels (shown to users in the job view). */
export const REVOKED_CANCEL_REASON = 'Clio connection was revoked';

const ACTIVE_STATES: readonly SyncJobState[] = [
  SyncJobState.Requested,
  SyncJobState.Running,
  SyncJobState.Blocked,
  SyncJobState.Paused,
];

export interface ConnectionRevokedDeps {
  db: Kysely<OrchestratorDb>;
  /** The sync_jobs projection: the jobs to cancel are read from it once it includes the revocation. */
  jobs: Projection<SyncReadModelTables>;
  /** Time of the cancellation events. Default the wall clock. */
  now?: () => Date;
  /** Attempts per job when a worker or a user writes the job's streams meanwhile. Default 10. */
  maxAttempts?: number;
  /** Delay before the message comes back when the projection has not reached the event yet, ms. Default 1 000. */
  behindRetryMs?: number;
  log?: Pick<Logger, 'info'>;
}

interface ActiveJob {
  jobId: string;
  scope: SyncScope;
}

type RevokedEvent = RecordedEventOf<'ConnectionRevoked'>;

/**
 * `ConnectionRevoked` → every active sync job of the firm (firm-wide and per matter) is cancelled with
 * {@link REVOKED_CANCEL_REASON}. The sync_jobs read model is first brought up to the event (or the message comes
 * back later), so no job opened
 * before the revocation is missed. Two cases are left alone: a revocation of a connection the firm had already
 * replaced (its current connection still works), and jobs opened after the firm connected again (they belong to the
 * new connection) — so a redelivery after a quick reconnect cannot cancel the new first-login sync. Each job is
 * cancelled in its own transaction, decided from its scope stream read fresh; an already ended job is skipped, so a
 * redelivery changes nothing. The consumer's inbox row commits after these, like the first-login consumer's.
 */
export const connectionRevokedHandler =
  (deps: ConnectionRevokedDeps): MessageHandler<OrchestratorDb> =>
  async (event) => {
    if (event.type !== EventTypes.ConnectionRevoked) return Disposition.dead('not a ConnectionRevoked');
    const revoked = event;
    // Never wait here: the consumer's transaction is open, and an open transaction holds back every log reader.
    if (!(await tryCatchUp(deps.db, deps.jobs, LogPosition.of(event))))
      return Disposition.retry('sync_jobs has not reached the event', deps.behindRetryMs ?? 1_000);
    // Jobs before the window: a job projected now was requested before the connection stream is read below, so a
    // reconnect that preceded it cannot be missed.
    const jobs = await activeJobsOf(deps.db, event.metadata.firmId);
    if (jobs.length === 0) return Disposition.ack;
    const window = await revocationWindow(deps.db, revoked);
    if (window === null) return Disposition.ack;
    const cancelled: string[] = [];
    for (const job of jobs) if (await cancelJob(deps, revoked, job, window.until)) cancelled.push(job.jobId);
    if (cancelled.length > 0) {
      deps.log?.info(
        { firmId: event.metadata.firmId, connectionId: revoked.data.connectionId, jobIds: cancelled },
        'sync jobs cancelled: Clio connection revoked',
      );
    }
    return Disposition.ack;
  };

const activeJobsOf = async (db: Executor<OrchestratorDb>, firmId: string): Promise<ActiveJob[]> => {
  const rows = await db
    .selectFrom('sync_jobs')
    .select(['job_id', 'matter_id'])
    .where('firm_id', '=', firmId)
    .where('state', 'in', [...ACTIVE_STATES])
    .orderBy('job_id')
    .execute();
  return rows.map((r) => ({
    jobId: r.job_id,
    scope: r.matter_id === null ? SyncScope.firm() : SyncScope.matter(r.matter_id),
  }));
};

const isConnected = (e: RecordedCatalogueEvent): e is RecordedEventOf<'ClioConnected'> =>
  e.type === EventTypes.ClioConnected;

/**
 * The part of the log the revocation governs, from the firm's connection stream: null when the revoked connection
 * was not the firm's current one at the time; else `until` = the firm's next `ClioConnected` (null: not reconnected).
 */
const revocationWindow = async (
  db: Executor<OrchestratorDb>,
  e: RevokedEvent,
): Promise<{ until: LogPosition | null } | null> => {
  const events = (await readStream(db, streamIds.connection(e.metadata.firmId))).map(readLoggedEvent);
  const at = events.findIndex((x) => x.eventId === e.eventId);
  if (at < 0) throw new Error(`event ${e.eventId} is not in ${streamIds.connection(e.metadata.firmId)}`);
  const current = events.slice(0, at).filter(isConnected).at(-1);
  if (current?.data.connectionId !== e.data.connectionId) return null;
  const reconnected = events.slice(at + 1).find(isConnected);
  return { until: reconnected ? LogPosition.of(reconnected) : null };
};

/** Cancels one job if it is still its scope's active job and was requested before `until`. True when cancelled. */
const cancelJob = (
  deps: ConnectionRevokedDeps,
  e: RevokedEvent,
  job: ActiveJob,
  until: LogPosition | null,
): Promise<boolean> =>
  withConflictRetry(deps.maxAttempts ?? 10, () =>
    deps.db.transaction().execute(async (trx) => {
      const recorded = (await readStream(trx, streamIds.syncScope(e.metadata.firmId, job.scope))).map(readLoggedEvent);
      const scope = foldScope(recorded);
      if (scope.activeJob?.jobId !== job.jobId) return false;
      const requested = recorded.find((r) => r.type === EventTypes.SyncRequested && r.data.jobId === job.jobId);
      if (until !== null && requested !== undefined && LogPosition.compare(LogPosition.of(requested), until) >= 0)
        return false;
      const outcome = decideControl(
        {
          firmId: e.metadata.firmId,
          correlationId: e.metadata.correlationId,
          causationId: e.eventId,
          ...(e.metadata.trace === undefined ? {} : { trace: e.metadata.trace }),
          // Derived from the revocation and the job: a repeated decision repeats the same event ids.
          eventIds: [0, 1, 2].map((i) => derivedUuid(e.eventId, 'revoked', job.jobId, String(i))),
          control: JobControl.Cancel,
          jobId: job.jobId,
          scope: job.scope,
          reason: REVOKED_CANCEL_REASON,
          requestedBy: null,
          tail: await readJobTail(trx, job.jobId),
        },
        scope,
        (deps.now ?? (() => new Date()))(),
      );
      if (!outcome.ok) return false;
      await applyPlannedAppends(trx, outcome.appends);
      return true;
    }),
  );
