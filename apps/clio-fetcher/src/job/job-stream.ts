import { streamIds, type RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { readStream } from '@sf/event-store';
import type { FetcherDb } from '../schema/fetcher-schema';

/**
 * The job stream as the fold needs it, in stream order. Page events are read with an empty page of records (a
 * resumed job of 100,000 records would otherwise parse them all again): the fold only needs their job and entity type.
 */
export const readJobStream = async (db: Executor<FetcherDb>, jobId: string): Promise<RecordedEvent[]> => {
  const events = await readStream(db, streamIds.syncJob(jobId), {
    dataKeys: { ClioRecordsFetched: ['jobId', 'entityType'] },
  });
  return events.map((e) =>
    e.type === 'ClioRecordsFetched' && typeof e.data === 'object' && e.data !== null
      ? { ...e, data: { ...e.data, records: [] } }
      : e,
  );
};
