// The projection benchmark's workload: matter-scoped sync jobs whose events feed matter_sync_state.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { currentVersionOf, isEventType, streamOf, validateNewEvent, type NewEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, LogPosition } from '@sf/event-store';
import type { PlatformDb } from '../../tools/migration-sets';

/** Events per job: requested, started, 7 x progressed, completed. */
export const EVENTS_PER_JOB = 10;
/** A job and the versions of the streams its events go to (its scope stream and its job stream). */
export interface Job {
  firmId: string;
  jobId: string;
  matterId: string;
  versions: Map<string, number>;
  fetched: number;
}

export const event = (job: Job, type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: randomUUID(),
  type,
  version: isEventType(type) ? currentVersionOf(type) : 1,
  data: { jobId: job.jobId, ...data },
  metadata: {
    firmId: job.firmId,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
  },
});

/** The n-th event of a job's life: requested, started, progressed x (EVENTS_PER_JOB - 3), completed. */
export const lifeEvent = (job: Job, n: number): NewEvent => {
  const scope = { kind: 'matter', matterId: job.matterId };
  if (n === 0) return event(job, 'SyncRequested', { scope, trigger: 'schedule' });
  if (n === 1)
    return event(job, 'SyncJobStarted', { scope, entityTypes: ['documents', 'folders'], estimatedTotal: 5_000 });
  if (n === EVENTS_PER_JOB - 1)
    return event(job, 'SyncJobCompleted', { scope, counts: { documents: 4_000, folders: 200 } });
  return event(job, 'SyncProgressed', {
    entityType: n % 2 ? 'documents' : 'folders',
    fetched: n * 100,
    total: n % 3 ? null : 4_000,
  });
};

/** Appends one event to the stream the catalogue assigns it, at that stream's next version; returns where it landed. */
export const append = async (db: Executor<PlatformDb>, job: Job, e: NewEvent): Promise<LogPosition> => {
  const checked = validateNewEvent(e);
  if (!checked.ok) throw new Error(`bench event ${e.type} invalid: ${checked.reason}`);
  const { streamId, streamType } = streamOf(checked.value);
  const r = await appendToStream(db, streamId, streamType, job.versions.get(streamId) ?? 0, [e]);
  if (!r.ok) throw new Error(`bench append failed: ${r.reason}`);
  job.versions.set(streamId, r.nextVersion);
  return LogPosition.of(r.events[0]!);
};

export const latest = (positions: LogPosition[]): LogPosition =>
  positions.reduce((a, b) => LogPosition.max(a, b), LogPosition.start);

export const jobsFor = (n: number, prefix: string): Job[] =>
  Array.from({ length: n }, (_, i) => ({
    firmId: `firm-${i % 10}`,
    jobId: `${prefix}-${i}-${randomUUID()}`,
    matterId: `${prefix}-m${i}`,
    versions: new Map(),
    fetched: 0,
  }));

/**
 * Round r appends event r of every job (4 writers, one transaction each), so the log interleaves all jobs.
 * Returns the last position written.
 */
export const prefill = async (db: Kysely<PlatformDb>, jobs: Job[]): Promise<LogPosition> => {
  const writers = 4;
  const tails: LogPosition[] = [];
  for (let r = 0; r < EVENTS_PER_JOB; r++) {
    tails.push(
      ...(await Promise.all(
        Array.from({ length: writers }, (_, w) =>
          db.transaction().execute(async (trx) => {
            const written: LogPosition[] = [];
            for (let i = w; i < jobs.length; i += writers)
              written.push(await append(trx, jobs[i]!, lifeEvent(jobs[i]!, r)));
            return latest(written);
          }),
        ),
      )),
    );
  }
  return latest(tails);
};
