import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import { loadCheckpoint } from './checkpoints';

export interface CheckpointLag {
  /** Committed events after the checkpoint, counted up to `cap`. */
  events: number;
  /** Seconds since the oldest of them was recorded; 0 when there is none. */
  seconds: number;
}

/**
 * How far a log reader (`relay:<name>`, `projection:<name>`) trails the log: a bounded count of the events after its
 * checkpoint and the age of the first of them, in one indexed query. For metrics and health; a count at `cap` means
 * "at least". With `types`, only events of those types count (a reader's inbox: the deliveries it has not applied).
 */
export const checkpointLag = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  name: string,
  cap = 100_000,
  types?: readonly string[],
): Promise<CheckpointLag> => {
  if (types?.length === 0) return { events: 0, seconds: 0 };
  const at = await loadCheckpoint(db, name);
  const ofTypes = types === undefined ? sql`` : sql`and e.event_type in (${sql.join(types)})`;
  // Raw SQL: the xid8 row comparison has no form in Kysely's builder (as in readAllAfter).
  const { rows } = await sql<{ events: string; oldest: Date | null; now: Date }>`
    select count(*) as events, min(recorded_at) as oldest, now() as now from (
      select e.recorded_at from es_events e
      where (e.transaction_id, e.global_position) > (${at.txId.toString()}::xid8, ${at.position.toString()}::bigint)
      ${ofTypes}
      order by e.transaction_id, e.global_position
      limit ${cap}) behind`.execute(db);
  const r = rows[0]!;
  const seconds = r.oldest === null ? 0 : Math.max(0, (r.now.getTime() - r.oldest.getTime()) / 1000);
  return { events: Number(r.events), seconds };
};
