import { sql, type Selectable } from 'kysely';
import { tablesOf, type Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import { leaseEnd } from './lease';
import type { WorkQueueTables } from './schema/work-queue.tables';
import { WorkStatus, type Claim, type NewWork, type PayloadDecoder, type WorkItem } from './work-item';

/** An orchestrator's control of a queued job. */
export const ControlKind = { pause: 'pause', resume: 'resume', cancel: 'cancel' } as const;
export type ControlKind = (typeof ControlKind)[keyof typeof ControlKind];

/** What to do when a job is queued again while it is still in the queue. */
export const Requeue = {
  /** Nothing: a redelivered request changes nothing. */
  keep: 'keep',
  /** A ready job loses its holder and is claimable at once (a restart of a stalled job); finished jobs stay as they are. */
  reclaim: 'reclaim',
} as const;
export type Requeue = (typeof Requeue)[keyof typeof Requeue];

/** One service's queue in the shared `work_queue` table. */
export interface WorkQueue<P> {
  readonly name: string;
  /** Queues a job, in the caller's transaction (the consumer's, with its inbox row). */
  enqueue<DB extends WorkQueueTables>(db: Executor<DB>, w: NewWork<P>, onRequeue?: Requeue): Promise<void>;
  /**
   * Claims the oldest ready job whose lease is free or expired, in one statement: `SKIP LOCKED` lets replicas claim
   * side by side without waiting on each other; an expired lease makes a dead worker's job claimable again.
   */
  claim<DB extends WorkQueueTables>(db: Executor<DB>, workerId: string, leaseMs: number): Promise<Claim<P> | null>;
  /** Applies a control event at its log position; the holder (if any) loses the lease unless it is resumed. */
  control<DB extends WorkQueueTables>(
    db: Executor<DB>,
    jobId: string,
    kind: ControlKind,
    at: LogPosition,
  ): Promise<void>;
  /** The job's row, or undefined. */
  read<DB extends WorkQueueTables>(db: Executor<DB>, jobId: string): Promise<WorkItem<P> | undefined>;
}

const statusOf = (raw: string): WorkStatus => {
  if (raw === 'ready' || raw === 'paused' || raw === 'done' || raw === 'cancelled') return raw;
  throw new Error(`work_queue holds an unknown status: ${raw}`);
};

const nextStatus = {
  pause: sql<string>`case when status = 'ready' then 'paused' else status end`,
  resume: sql<string>`case when status = 'paused' then 'ready' else status end`,
  cancel: sql<string>`case when status in ('ready', 'paused') then 'cancelled' else status end`,
} as const;

/** A process's handle seen through the queue's own table. */
const own = <DB extends WorkQueueTables>(db: Executor<DB>): Executor<WorkQueueTables> =>
  tablesOf<WorkQueueTables, DB>(db);

/** The queue named `name` (e.g. `sync-jobs`), its payloads read by `decode`. */
export const workQueue = <P>(name: string, decode: PayloadDecoder<P>): WorkQueue<P> => {
  const toItem = (r: Selectable<WorkQueueTables['work_queue']>): WorkItem<P> => ({
    queue: r.queue,
    jobId: r.job_id,
    firmId: r.firm_id,
    correlationId: r.correlation_id,
    status: statusOf(r.status),
    owner: r.owner,
    attempts: r.attempts,
    payload: decode(r.payload),
  });

  return {
    name,
    async enqueue(db, w, onRequeue = Requeue.keep) {
      await own(db)
        .insertInto('work_queue')
        .values({
          queue: name,
          job_id: w.jobId,
          firm_id: w.firmId,
          correlation_id: w.correlationId,
          payload: JSON.stringify(w.payload),
          status: w.status ?? WorkStatus.ready,
          requested_at: w.requestedAt,
        })
        .onConflict((oc) => {
          const target = oc.columns(['queue', 'job_id']);
          if (onRequeue === Requeue.keep) return target.doNothing();
          return target
            .doUpdateSet({ owner: null, lease_until: null, updated_at: sql`now()` })
            .where('work_queue.status', '=', WorkStatus.ready);
        })
        .execute();
    },

    async claim(db, workerId, leaseMs) {
      const row = await own(db)
        .updateTable('work_queue')
        .set((eb) => ({
          owner: workerId,
          generation: eb('generation', '+', 1),
          lease_until: leaseEnd(leaseMs),
          updated_at: sql`now()`,
        }))
        .where('queue', '=', name)
        .where('job_id', '=', (eb) =>
          eb
            .selectFrom('work_queue')
            .select('job_id')
            .where('queue', '=', name)
            .where('status', '=', WorkStatus.ready)
            .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', sql<Date>`now()`)]))
            .orderBy('requested_at')
            .limit(1)
            .forUpdate()
            .skipLocked(),
        )
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      return {
        item: toItem(row),
        lease: { queue: name, jobId: row.job_id, owner: workerId, generation: row.generation },
      };
    },

    async control(db, jobId, kind, at) {
      const tx = at.txId.toString();
      const gp = at.position.toString();
      const resume = kind === ControlKind.resume;
      await own(db)
        .updateTable('work_queue')
        .set({
          status: nextStatus[kind],
          control_tx_id: tx,
          control_global_position: gp,
          updated_at: sql`now()`,
          // A worker's own resume of the job it runs leaves its lease alone; anything else takes the job from its holder.
          owner: resume ? sql<string | null>`owner` : null,
          lease_until: resume ? sql<Date | null>`case when status = 'ready' then lease_until else null end` : null,
        })
        .where('queue', '=', name)
        .where('job_id', '=', jobId)
        // Pause and resume apply in log order (a late, older one is ignored); cancelling is final whenever it comes.
        .where((w) =>
          kind === ControlKind.cancel
            ? sql<boolean>`true`
            : w.or([
                w('control_tx_id', 'is', null),
                sql<boolean>`(control_tx_id, control_global_position) < (${tx}::bigint, ${gp}::bigint)`,
              ]),
        )
        .execute();
    },

    async read(db, jobId) {
      const row = await own(db)
        .selectFrom('work_queue')
        .selectAll()
        .where('queue', '=', name)
        .where('job_id', '=', jobId)
        .executeTakeFirst();
      return row ? toItem(row) : undefined;
    },
  };
};
