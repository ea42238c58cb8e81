import { sql } from 'kysely';
import { streamIds, type EventMetadata, type RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';

interface Row {
  event_id: string;
  stream_position: string;
  event_type: string;
  event_version: number;
  data: unknown;
  metadata: EventMetadata;
  global_position: string;
  transaction_id: string;
}

/**
 * The job stream as the fold needs it, in stream order. Page events are read with an empty page of records (a
 * resumed job of 100,000 records would otherwise parse them all again): the fold only needs their job and entity type.
 */
export const readJobStream = async (db: Executor, jobId: string): Promise<RecordedEvent[]> => {
  const streamId = streamIds.syncJob(jobId);
  const { rows } = await sql<Row>`
    select event_id, stream_position, event_type, event_version, metadata, global_position, transaction_id::text as transaction_id,
      case when event_type = 'ClioRecordsFetched'
        then jsonb_build_object('jobId', data->'jobId', 'entityType', data->'entityType', 'records', '[]'::jsonb)
        else data end as data
    from es_events where stream_id = ${streamId} order by stream_position`.execute(db);
  return rows.map((r) => ({
    eventId: r.event_id, type: r.event_type, version: r.event_version, data: r.data, metadata: r.metadata, streamId,
    streamPosition: Number(r.stream_position), globalPosition: r.global_position, transactionId: r.transaction_id,
  }));
};
