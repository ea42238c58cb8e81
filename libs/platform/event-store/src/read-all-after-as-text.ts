import { sql } from 'kysely';
import { rowsAfter } from './read-all-after';
import type { RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import { eventColumnsWithData, toRecordedEvent, type EventRow } from './event-row';
import type { LogPosition } from './log-position';

/** A logged event whose payload is still the JSON text Postgres sent: for a reader that only passes it on. */
export interface LoggedEventText extends Omit<RecordedEvent, 'data'> {
  dataJson: string;
}

const TEXT_COLUMNS = eventColumnsWithData(sql`e.data::text`);

/**
 * `readAllAfter` (same order, same visibility rule) with each payload as JSON text, never parsed: the relay copies
 * it into the message body as it is, instead of parsing a page of 200 records only to serialise it again.
 */
export const readAllAfterAsText = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  after: LogPosition,
  limit: number,
): Promise<LoggedEventText[]> => {
  const rows = await rowsAfter<EventRow & { data: string }, DB>(db, TEXT_COLUMNS, after, limit);
  return rows.map((r) => {
    const { data: _text, ...event } = toRecordedEvent(r);
    return { ...event, dataJson: r.data };
  });
};
