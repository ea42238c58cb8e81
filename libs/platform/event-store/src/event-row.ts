import { sql, type RawBuilder } from 'kysely';
import type { EventMetadata, RecordedEvent } from '@sf/contracts';

/** An es_events row as the read queries select it (int8 and xid8 arrive as decimal strings). */
export interface EventRow {
  event_id: string;
  stream_id: string;
  stream_position: string;
  event_type: string;
  event_version: number;
  data: unknown;
  metadata: EventMetadata;
  global_position: string;
  transaction_id: string;
}

/** The select list matching EventRow with `data` selected as `data` (an expression over the row); `e` is es_events. */
export const eventColumnsWithData = (data: RawBuilder<unknown>): RawBuilder<unknown> => sql`e.event_id, e.stream_id,
  e.stream_position, e.event_type, e.event_version, ${data} as data, e.metadata, e.global_position,
  e.transaction_id::text as transaction_id`;

/** The select list matching EventRow; `e` is the es_events alias. */
export const EVENT_COLUMNS: RawBuilder<unknown> = eventColumnsWithData(sql`e.data`);

export const toRecordedEvent = (r: EventRow): RecordedEvent => ({
  eventId: r.event_id,
  type: r.event_type,
  version: r.event_version,
  data: r.data,
  metadata: r.metadata,
  streamId: r.stream_id,
  // A stream never nears 2^53 events; global and transaction positions stay strings.
  streamPosition: Number(r.stream_position),
  globalPosition: r.global_position,
  transactionId: r.transaction_id,
});
