import { sql, type Kysely } from 'kysely';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** A run claimed by one scheduler: it alone may complete it while `fence` is the row's. */
export interface ClaimedRun {
  firmId: string;
  kind: string;
  fence: string;
  runSeq: string;
  lastRunAt: Date | null;
}

/** Creates the two run rows of every connected firm that has none yet (due now: decided on the next claim). */
export const ensureRuns = async (db: Kysely<OrchestratorDb>): Promise<void> => {
  await sql`
    insert into sync_schedule_runs (firm_id, kind)
    select s.firm_id, k.kind
    from sync_schedules s cross join (values ('schedule'), ('reconcile')) as k(kind)
    where s.connected
      and not exists (select 1 from sync_schedule_runs r where r.firm_id = s.firm_id and r.kind = k.kind)
    on conflict do nothing`.execute(db);
};

/**
 * Claims up to `limit` runs that are due at `now` (or were decided before their firm's schedule last changed), of
 * connected, unpaused firms, whose previous claim is free or expired, in one statement. `FOR UPDATE SKIP LOCKED`
 * lets replicas claim side by side without waiting on each other; the claim commits before the scheduler acts, and
 * its `claimed_until` keeps every other replica off the run until it is completed or the lease expires (a crashed
 * scheduler's run is claimed again then). Every claim increments `fence`.
 */
export const claimDueRuns = async (
  db: Kysely<OrchestratorDb>,
  o: { owner: string; now: Date; leaseMs: number; limit: number },
): Promise<ClaimedRun[]> => {
  const until = new Date(o.now.getTime() + o.leaseMs);
  const { rows } = await sql<{
    firm_id: string;
    kind: string;
    fence: string;
    run_seq: string;
    last_run_at: Date | null;
  }>`
    update sync_schedule_runs r
    set claimed_by = ${o.owner}, claimed_until = ${until}, fence = r.fence + 1
    from (
      select r2.firm_id, r2.kind
      from sync_schedule_runs r2 join sync_schedules s on s.firm_id = r2.firm_id
      where s.connected and not s.paused
        and (r2.claimed_until is null or r2.claimed_until <= ${o.now})
        and (r2.due_at is null or r2.due_at <= ${o.now} or r2.seen_changed_at is distinct from s.changed_at)
      order by r2.due_at nulls first
      limit ${o.limit}
      for update of r2 skip locked
    ) c
    where r.firm_id = c.firm_id and r.kind = c.kind
    returning r.firm_id, r.kind, r.fence::text as fence, r.run_seq::text as run_seq, r.last_run_at`.execute(db);
  return rows.map((r) => ({
    firmId: r.firm_id,
    kind: r.kind,
    fence: r.fence,
    runSeq: r.run_seq,
    lastRunAt: r.last_run_at,
  }));
};

/** How a claimed run ends: its next due time, and whether a run fired and is done (then `run_seq` moves on). */
export interface RunCompletion {
  dueAt: Date;
  seenChangedAt: Date;
  fired: { at: Date; reason: string; done: boolean } | null;
}

/**
 * Completes a claimed run and frees the claim, only while the row still carries the claim's fence: a scheduler whose
 * lease expired and was taken over changes nothing. Returns whether it did.
 */
export const completeRun = async (db: Kysely<OrchestratorDb>, run: ClaimedRun, c: RunCompletion): Promise<boolean> => {
  const done = c.fired?.done === true;
  const r = await db
    .updateTable('sync_schedule_runs')
    .set(() => ({
      due_at: c.dueAt,
      seen_changed_at: c.seenChangedAt,
      claimed_by: null,
      claimed_until: null,
      ...(c.fired === null ? {} : { last_reason: c.fired.reason }),
      ...(done ? { run_seq: sql<string>`run_seq + 1`, last_run_at: c.fired!.at } : {}),
    }))
    .where('firm_id', '=', run.firmId)
    .where('kind', '=', run.kind)
    .where('fence', '=', run.fence)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
};
