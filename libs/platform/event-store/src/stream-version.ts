import { tablesOf, type Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';

export interface StreamVersionOptions {
  /**
   * Lock the stream's row until the transaction ends (`FOR UPDATE`), so no append to the stream can commit in
   * between: pass the transaction that will act on the version read. Default false.
   */
  forUpdate?: boolean;
}

/** The number of events in a stream (its version); 0 for a stream that does not exist. */
export const streamVersion = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  streamId: string,
  opts: StreamVersionOptions = {},
): Promise<number> => {
  const query = tablesOf<EventStoreTables, DB>(db)
    .selectFrom('es_streams')
    .select('version')
    .where('stream_id', '=', streamId);
  const row = await (opts.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return Number(row?.version ?? 0);
};
