import { sql } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-row';
import type { LogPosition } from './log-position';

/**
 * Committed events strictly after `after`, in log order, at most `limit`.
 *
 * Only rows written by transactions older than the oldest transaction still open (the snapshot's xmin) are
 * returned: every such transaction has finished, so no event can later appear before the last one returned.
 * The price: a long-open transaction anywhere on the server holds every reader back until it ends.
 * Continue with `LogPosition.of(lastEvent)`.
 */
export const readAllAfter = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  after: LogPosition,
  limit: number,
): Promise<RecordedEvent[]> => {
  // Raw SQL: xid8 comparisons and pg_current_snapshot() have no form in Kysely's builder.
  const { rows } = await sql<EventRow>`
    select ${EVENT_COLUMNS} from es_events e
    where (e.transaction_id, e.global_position) > (${after.txId.toString()}::xid8, ${after.position.toString()}::bigint)
      and e.transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))
    order by e.transaction_id, e.global_position
    limit ${limit}`.execute(db);
  return rows.map(toRecordedEvent);
};
