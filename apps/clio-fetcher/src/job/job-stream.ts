import { streamIds, upcastEvent, type RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { readStream } from '@sf/event-store';

/**
 * The job stream as the fold needs it, in stream order. Page events are read without their records (a resumed
 * job of 100,000 records would otherwise parse them all again): only their job and entity type are kept.
 */
export const readJobStream = async (db: Executor, jobId: string): Promise<RecordedEvent[]> => {
  const events = await readStream(db, streamIds.syncJob(jobId), { dataKeys: { ClioRecordsFetched: ['jobId', 'entityType'] } });
  return events.map((e) => {
    if (e.type === 'ClioRecordsFetched') return e;
    const u = upcastEvent(e);
    return u.ok ? u.value : e;
  });
};
