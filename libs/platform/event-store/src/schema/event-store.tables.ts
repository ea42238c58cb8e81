import type { ColumnType, Generated, GeneratedAlways, JSONColumnType } from 'kysely';
import type { EventMetadata } from '@sf/contracts';

/** bigint columns: pg returns int8 as a decimal string (see create-db.ts); writes accept any integer form. */
type Int8<U = string | number | bigint> = ColumnType<string, string | number | bigint, U>;

/** One row per stream; `version` is the number of events in it (0 never stored: a stream is born with events). */
export interface EsStreamsTable {
  stream_id: string;
  stream_type: string;
  version: Int8;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** The append-only log. Update types are `never`: an event is never changed once written. */
export interface EsEventsTable {
  global_position: GeneratedAlways<string>;
  /** xid8 of the writing transaction, as a decimal string. */
  transaction_id: ColumnType<string, never, never>;
  event_id: ColumnType<string, string, never>;
  stream_id: ColumnType<string, string, never>;
  /** 1-based, gapless within the stream. */
  stream_position: Int8<never>;
  event_type: ColumnType<string, string, never>;
  event_version: ColumnType<number, number, never>;
  /** Any JSON value; written as a JSON string. */
  data: ColumnType<unknown, string, never>;
  metadata: JSONColumnType<EventMetadata, string, never>;
  recorded_at: ColumnType<Date, never, never>;
}

/** Last fully handled log position per reader; `position` is `LogPosition.format` output (fixed width). */
export interface EsCheckpointsTable {
  name: string;
  position: string;
  updated_at: Generated<Date>;
}

export interface EventStoreTables {
  es_streams: EsStreamsTable;
  es_events: EsEventsTable;
  es_checkpoints: EsCheckpointsTable;
}
