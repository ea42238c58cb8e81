import { sql } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-row';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The committed events with these ids, by id (ids not in the log are absent; a malformed id is never sent to
 * Postgres). For readers that receive events from elsewhere (JetStream) and must only act on what the log holds.
 */
export const readEventsById = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  ids: readonly string[],
): Promise<Map<string, RecordedEvent>> => {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const { rows } = await sql<EventRow>`
    select ${EVENT_COLUMNS} from es_events e where e.event_id = any(${wanted}::uuid[])`.execute(db);
  return new Map(rows.map((r) => [r.event_id, toRecordedEvent(r)]));
};
