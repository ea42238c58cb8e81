import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import type { AppendResult } from './append-result';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-row';
import { ExpectedVersion } from './expected-version';
import { streamVersion } from './stream-version';

/** The stream's version beside each already-stored event (all event columns null when none is stored). */
type ClassifyRow = { current_version: string | null } & (EventRow | { [K in keyof EventRow]: null });

/**
 * Explains an append that wrote nothing, from a fresh read (a new statement sees what the winner committed):
 * every id already stored in this stream = idempotent repeat (the original append's result); some ids stored =
 * `duplicate_event_ids`; none = `version_conflict` with the version the stream has now.
 */
export const classifyRejectedAppend = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  streamId: string,
  expected: ExpectedVersion,
  eventIds: string[],
): Promise<AppendResult> => {
  // Raw SQL: one round trip joining a scalar subquery to `= any(uuid[])`, which the builder cannot type.
  const { rows } = await sql<ClassifyRow>`
    select v.current_version, ${EVENT_COLUMNS}
    from (select (select version from es_streams where stream_id = ${streamId}) as current_version) v
    left join es_events e on e.event_id = any(${eventIds}::uuid[])
    order by e.stream_position`.execute(db);
  const actual = Number(rows[0]?.current_version ?? 0);
  const stored = rows.flatMap((r) => (r.event_id === null ? [] : [toRecordedEvent(r)]));
  if (stored.length === eventIds.length && stored.every((e) => e.streamId === streamId)) {
    return { ok: true, nextVersion: stored[stored.length - 1]!.streamPosition, events: stored, idempotent: true };
  }
  if (stored.length > 0) {
    return { ok: false, reason: 'duplicate_event_ids', expected, actual, eventIds: stored.map((e) => e.eventId) };
  }
  return { ok: false, reason: 'version_conflict', expected, actual };
};

/** An empty append writes nothing; it only reports whether the expectation holds right now. */
export const checkExpectation = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  streamId: string,
  expected: ExpectedVersion,
): Promise<AppendResult> => {
  const actual = await streamVersion(db, streamId);
  return ExpectedVersion.matches(expected, actual)
    ? { ok: true, nextVersion: actual, events: [], idempotent: false }
    : { ok: false, reason: 'version_conflict', expected, actual };
};
