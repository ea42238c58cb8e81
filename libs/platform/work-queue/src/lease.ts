import { sql } from 'kysely';
import { tablesOf, type Executor } from '@sf/db';
import type { WorkQueueTables } from './schema/work-queue.tables';
import { WorkStatus, type Lease } from './work-item';

/** `now() + ms`, on the database clock: every lease is measured by one clock whatever the workers' clocks say. */
export const leaseEnd = (ms: number) => sql<Date>`now() + ${ms} * interval '1 millisecond'`;

const held = <DB extends WorkQueueTables>(db: Executor<DB>, lease: Lease) =>
  tablesOf<WorkQueueTables, DB>(db)
    .updateTable('work_queue')
    .where('queue', '=', lease.queue)
    .where('job_id', '=', lease.jobId)
    .where('owner', '=', lease.owner)
    .where('generation', '=', lease.generation);

/**
 * Extends the lease while its holder still holds the ready job; false means the job is no longer ours (taken over,
 * paused, cancelled, settled). Run it in the transaction of a write to fence the write: the row lock it takes keeps
 * a claim from slipping in before the commit. `resetAttempts` records progress.
 */
export const renewLease = async <DB extends WorkQueueTables>(
  db: Executor<DB>,
  lease: Lease,
  leaseMs: number,
  o: { resetAttempts?: boolean } = {},
): Promise<boolean> => {
  const r = await held(db, lease)
    .set({ lease_until: leaseEnd(leaseMs), updated_at: sql`now()`, ...(o.resetAttempts ? { attempts: 0 } : {}) })
    .where('status', '=', WorkStatus.ready)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
};

export interface Release {
  /** Claimable by anyone from then on; null = at once. */
  until: Date | null;
  /** Failed attempts so far (kept when absent). */
  attempts?: number;
  lastError?: string;
}

/** Gives the job back. False when it was not ours any more. */
export const releaseLease = async <DB extends WorkQueueTables>(
  db: Executor<DB>,
  lease: Lease,
  o: Release,
): Promise<boolean> => {
  const r = await held(db, lease)
    .set({
      owner: null,
      lease_until: o.until,
      updated_at: sql`now()`,
      ...(o.attempts === undefined ? {} : { attempts: o.attempts }),
      ...(o.lastError === undefined ? {} : { last_error: o.lastError }),
    })
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
};

/** Ends the held job (`done`), or parks it (`paused`, `cancelled`) as its streams say. False when it was not ours. */
export const settleLease = async <DB extends WorkQueueTables>(
  db: Executor<DB>,
  lease: Lease,
  status: Exclude<WorkStatus, 'ready'>,
  lastError?: string,
): Promise<boolean> => {
  const r = await held(db, lease)
    .set({
      status,
      owner: null,
      lease_until: null,
      updated_at: sql`now()`,
      ...(lastError === undefined ? {} : { last_error: lastError }),
    })
    .where('status', '=', WorkStatus.ready)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
};
