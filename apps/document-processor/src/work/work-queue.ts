import { sql } from 'kysely';
import type { Executor } from '@sf/db';

export const WorkStatus = { ready: 'ready', done: 'done', cancelled: 'cancelled' } as const;
export type WorkStatus = (typeof WorkStatus)[keyof typeof WorkStatus];

/** A claimed processing job. */
export interface WorkItem {
  jobId: string;
  firmId: string;
  correlationId: string;
}

interface WorkRowSql { job_id: string; firm_id: string; correlation_id: string }

const leaseEnd = (ms: number) => sql`now() + ${ms} * interval '1 millisecond'`;

/** Records a started job (idempotent: a redelivered `JobStarted` changes nothing). */
export const enqueueWork = async (
  db: Executor, w: WorkItem & { requestedAt: string; status?: WorkStatus },
): Promise<void> => {
  await sql`
    insert into processing_job_work (job_id, firm_id, status, requested_at, correlation_id)
    values (${w.jobId}, ${w.firmId}, ${w.status ?? WorkStatus.ready}, ${w.requestedAt}::timestamptz, ${w.correlationId})
    on conflict (job_id) do nothing`.execute(db);
};

/**
 * Claims the oldest ready job whose lease is free or expired, in one statement: `SKIP LOCKED` lets replicas claim
 * side by side, and the lease makes a dead worker's job claimable again once it expires.
 */
export const claimWork = async (db: Executor, workerId: string, leaseMs: number): Promise<WorkItem | null> => {
  const { rows } = await sql<WorkRowSql>`
    update processing_job_work set owner = ${workerId}, lease_until = ${leaseEnd(leaseMs)}, updated_at = now()
    where job_id = (
      select job_id from processing_job_work
      where status = 'ready' and (lease_until is null or lease_until < now())
      order by requested_at
      for update skip locked
      limit 1)
    returning job_id, firm_id, correlation_id`.execute(db);
  const r = rows[0];
  return r ? { jobId: r.job_id, firmId: r.firm_id, correlationId: r.correlation_id } : null;
};

/** Extends the lease if this worker still holds the ready job; false = stop, the job is not ours any more. */
export const renewLease = async (db: Executor, jobId: string, workerId: string, leaseMs: number): Promise<boolean> => {
  const r = await sql`
    update processing_job_work set lease_until = ${leaseEnd(leaseMs)}, updated_at = now()
    where job_id = ${jobId} and owner = ${workerId} and status = 'ready'`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
};

/** Gives the lease back so another worker may claim the job at once (graceful shutdown). */
export const releaseWork = async (db: Executor, jobId: string, workerId: string): Promise<void> => {
  await sql`
    update processing_job_work set owner = null, lease_until = null, updated_at = now()
    where job_id = ${jobId} and owner = ${workerId}`.execute(db);
};

/** Ends the job (`done`, or `cancelled` as its stream says). */
export const settleWork = async (db: Executor, jobId: string, status: WorkStatus): Promise<void> => {
  await sql`
    update processing_job_work set status = ${status}, owner = null, lease_until = null, updated_at = now()
    where job_id = ${jobId} and status = 'ready'`.execute(db);
};
