import { sql } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-row';

export interface ReadStreamOptions {
  /** First stream position to return (inclusive, 1-based). Default 1: the whole stream. */
  fromPosition?: number;
  /** Maximum number of events. Default: no limit. */
  limit?: number;
}

/** The events of one stream in stream order; [] for a stream that does not exist. */
export const readStream = async (db: Executor, streamId: string, opts: ReadStreamOptions = {}): Promise<RecordedEvent[]> => {
  const from = opts.fromPosition ?? 1;
  const limit = opts.limit === undefined ? sql`` : sql`limit ${opts.limit}`;
  const { rows } = await sql<EventRow>`
    select ${EVENT_COLUMNS} from es_events e
    where e.stream_id = ${streamId} and e.stream_position >= ${from}::bigint
    order by e.stream_position
    ${limit}`.execute(db);
  return rows.map(toRecordedEvent);
};
