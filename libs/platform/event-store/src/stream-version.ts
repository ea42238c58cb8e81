import type { Executor } from '@sf/db';

export interface StreamVersionOptions {
  /**
   * Lock the stream's row until the transaction ends (`FOR UPDATE`), so no append to the stream can commit in
   * between: pass the transaction that will act on the version read. Default false.
   */
  forUpdate?: boolean;
}

/** The number of events in a stream (its version); 0 for a stream that does not exist. */
export const streamVersion = async (
  db: Executor,
  streamId: string,
  opts: StreamVersionOptions = {},
): Promise<number> => {
  const query = db.selectFrom('es_streams').select('version').where('stream_id', '=', streamId);
  const row = await (opts.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return Number(row?.version ?? 0);
};
