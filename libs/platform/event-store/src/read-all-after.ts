import { sql, type RawBuilder } from 'kysely';
import { currentTypeName, FormerEventTypes, type RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import { EVENT_COLUMNS, eventColumnsWithData, toRecordedEvent, type EventRow } from './event-row';
import type { LogPosition } from './log-position';

/**
 * Committed events strictly after `after`, in log order, at most `limit`.
 *
 * Only rows written by transactions older than the oldest transaction still open (the snapshot's xmin) are
 * returned: every such transaction has finished, so no event can later appear before the last one returned.
 * The price: a long-open transaction anywhere on the server holds every reader back until it ends.
 * Continue with `LogPosition.of(lastEvent)`.
 *
 * `dataOf`: the event types whose payload the caller reads (a former name of one counts as it). Every other event
 * still comes, in its place, with `data` null: Postgres neither reads nor sends its payload, and nobody parses it.
 * A reader of a few types then pays nothing for the log's large events (pages of 200 records).
 */
export const readAllAfter = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  after: LogPosition,
  limit: number,
  opts: { dataOf?: ReadonlySet<string> } = {},
): Promise<RecordedEvent[]> => {
  const columns = opts.dataOf === undefined ? EVENT_COLUMNS : eventColumnsWithDataOf(opts.dataOf);
  return (await rowsAfter<EventRow, DB>(db, columns, after, limit)).map(toRecordedEvent);
};

/** The log's rows after `after` as `columns` select them (the visibility rule of `readAllAfter`). */
export const rowsAfter = async <Row, DB extends EventStoreTables = EventStoreTables>(
  db: Executor<DB>,
  columns: RawBuilder<unknown>,
  after: LogPosition,
  limit: number,
): Promise<Row[]> => {
  // Raw SQL: xid8 comparisons and pg_current_snapshot() have no form in Kysely's builder.
  const { rows } = await sql<Row>`
    select ${columns} from es_events e
    where (e.transaction_id, e.global_position) > (${after.txId.toString()}::xid8, ${after.position.toString()}::bigint)
      and e.transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))
    order by e.transaction_id, e.global_position
    limit ${limit}`.execute(db);
  return rows;
};

/** The stored type names whose current name is one of `types`, as the select list's payload condition. */
const eventColumnsWithDataOf = (types: ReadonlySet<string>) => {
  const stored = [...types, ...Object.keys(FormerEventTypes).filter((t) => types.has(currentTypeName(t)))];
  return eventColumnsWithData(sql`case when e.event_type = any(${stored}::text[]) then e.data end`);
};
