import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';

/** A job in the fetcher's work queue (`sync_job_work`). */
export interface WorkItem {
  jobId: string;
  firmId: string;
  scope: { kind: string; matterId?: string };
  entityTypes: string[] | null;
  trigger: string;
  status: WorkStatus;
  owner: string | null;
  attempts: number;
  correlationId: string;
  requestEventId: string;
}

export const WorkStatus = { ready: 'ready', paused: 'paused', done: 'done', cancelled: 'cancelled' } as const;
export type WorkStatus = (typeof WorkStatus)[keyof typeof WorkStatus];

interface WorkRowSql {
  job_id: string; firm_id: string; scope: { kind: string; matterId?: string }; entity_types: string[] | null; trigger: string;
  status: WorkStatus; owner: string | null; attempts: number; correlation_id: string; request_event_id: string;
}

const toItem = (r: WorkRowSql): WorkItem => ({
  jobId: r.job_id, firmId: r.firm_id, scope: r.scope, entityTypes: r.entity_types, trigger: r.trigger, status: r.status,
  owner: r.owner, attempts: r.attempts, correlationId: r.correlation_id, requestEventId: r.request_event_id,
});

const leaseEnd = (ms: number) => sql`now() + ${ms} * interval '1 millisecond'`;

export type NewWork = Omit<WorkItem, 'owner' | 'attempts'> & { requestedAt: string };

/**
 * Records a requested job. A repeated request for a job already queued (an orchestrator restart of a stalled
 * job) makes a ready job claimable at once: its current holder loses the lease and the job resumes from its
 * last checkpoint wherever it is claimed next.
 */
export const enqueueWork = async (db: Executor, w: NewWork): Promise<void> => {
  await sql`
    insert into sync_job_work (job_id, firm_id, scope, entity_types, trigger, status, requested_at, correlation_id, request_event_id)
    values (${w.jobId}, ${w.firmId}, ${JSON.stringify(w.scope)}::jsonb, ${w.entityTypes === null ? null : JSON.stringify(w.entityTypes)}::jsonb,
      ${w.trigger}, ${w.status}, ${w.requestedAt}::timestamptz, ${w.correlationId}, ${w.requestEventId}::uuid)
    on conflict (job_id) do update set owner = null, lease_until = null, updated_at = now()
    where sync_job_work.status = 'ready'`.execute(db);
};

/**
 * Claims the oldest ready job whose lease is free or expired, in one statement: `SKIP LOCKED` lets replicas claim
 * side by side without waiting on each other, and the lease makes a dead worker's job claimable again later.
 */
export const claimWork = async (db: Executor, workerId: string, leaseMs: number): Promise<WorkItem | null> => {
  const { rows } = await sql<WorkRowSql>`
    update sync_job_work set owner = ${workerId}, lease_until = ${leaseEnd(leaseMs)}, updated_at = now()
    where job_id = (
      select job_id from sync_job_work
      where status = 'ready' and (lease_until is null or lease_until < now())
      order by requested_at
      for update skip locked
      limit 1)
    returning *`.execute(db);
  return rows[0] ? toItem(rows[0]) : null;
};

/** Extends the lease if this worker still holds a ready job; false means the job is no longer ours to run. */
export const renewLease = async (db: Executor, jobId: string, workerId: string, leaseMs: number, resetAttempts = false): Promise<boolean> => {
  const r = await sql`
    update sync_job_work set lease_until = ${leaseEnd(leaseMs)}, updated_at = now()
      ${resetAttempts ? sql`, attempts = 0` : sql``}
    where job_id = ${jobId} and owner = ${workerId} and status = 'ready'`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
};

/**
 * Gives the job back: claimable by anyone from `until` (null = at once). `attempts` records a failed attempt.
 * False when the job was not ours any more.
 */
export const releaseWork = async (
  db: Executor, jobId: string, workerId: string, o: { until: Date | null; attempts?: number; lastError?: string },
): Promise<boolean> => {
  const r = await sql`
    update sync_job_work set owner = null, lease_until = ${o.until ? o.until.toISOString() : null}::timestamptz,
      attempts = coalesce(${o.attempts ?? null}::int, attempts), last_error = coalesce(${o.lastError ?? null}, last_error),
      updated_at = now()
    where job_id = ${jobId} and owner = ${workerId}`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
};

/** Ends the job for this worker (`done`), or parks it (`paused`, `cancelled`) as its streams say. */
export const settleWork = async (
  db: Executor, jobId: string, workerId: string, status: WorkStatus, lastError?: string,
): Promise<boolean> => {
  const r = await sql`
    update sync_job_work set status = ${status}, owner = null, lease_until = null,
      last_error = coalesce(${lastError ?? null}, last_error), updated_at = now()
    where job_id = ${jobId} and owner = ${workerId} and status = 'ready'`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
};

export const ControlKind = { pause: 'pause', resume: 'resume', cancel: 'cancel' } as const;
export type ControlKind = (typeof ControlKind)[keyof typeof ControlKind];

/**
 * Applies an orchestrator control event to the queue. Pause and resume are ordered by log position (a late,
 * older one is ignored); cancelling is final. Any holder loses the lease and stops at its next append.
 */
export const applyControl = async (db: Executor, jobId: string, kind: ControlKind, at: LogPosition): Promise<void> => {
  const tx = at.txId.toString();
  const gp = at.position.toString();
  const status = kind === 'pause' ? sql`case when status = 'ready' then 'paused' else status end`
    : kind === 'resume' ? sql`case when status = 'paused' then 'ready' else status end`
    : sql`case when status in ('ready', 'paused') then 'cancelled' else status end`;
  await sql`
    update sync_job_work set status = ${status}, control_tx_id = ${tx}::bigint, control_global_position = ${gp}::bigint,
      owner = case when ${kind} = 'resume' then owner else null end,
      lease_until = case when ${kind} = 'resume' and status = 'ready' then lease_until else null end, updated_at = now()
    where job_id = ${jobId}
      and (${kind} = 'cancel' or control_tx_id is null or (control_tx_id, control_global_position) < (${tx}::bigint, ${gp}::bigint))`.execute(db);
};

/** The job's queue row, or undefined. */
export const readWork = async (db: Executor, jobId: string): Promise<WorkItem | undefined> => {
  const { rows } = await sql<WorkRowSql>`select * from sync_job_work where job_id = ${jobId}`.execute(db);
  return rows[0] ? toItem(rows[0]) : undefined;
};
