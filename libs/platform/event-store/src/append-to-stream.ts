import { sql } from 'kysely';
import type { NewEvent, RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendSeconds, eventsAppended } from '@sf/metrics';
import type { EventStoreTables } from './schema/event-store.tables';
import type { AppendResult } from './append-result';
import { appendStatement, type AppendColumns, type AppendedRow } from './append-sql';
import { checkExpectation, classifyRejectedAppend } from './classify-append';
import { ExpectedVersion } from './expected-version';

/**
 * Appends `events` to the end of a stream if the stream is at the expected version, in one statement (one round
 * trip, all or nothing). Pass a transaction to append together with other writes (an inbox row, a read model).
 *
 * Idempotent by event id: repeating an append whose events are all stored in this stream returns
 * `{ ok: true, idempotent: true }` with the stored events, even if the stream has moved on since; an append that
 * overlaps stored events only in part writes nothing and returns `duplicate_event_ids`. Both hold when the ids
 * were committed by a concurrent writer while this append ran, inside a transaction too (which then goes on).
 *
 * `streamType` is recorded when the stream is created; later appends do not change it.
 */
export const appendToStream = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  streamId: string,
  streamType: string,
  expected: ExpectedVersion,
  events: NewEvent[],
): Promise<AppendResult> => {
  ExpectedVersion.assertValid(expected);
  if (events.length === 0) return checkExpectation(db, streamId, expected);
  const columns = toColumns(streamId, streamType, expected, events);
  const run = () => runAppend(db, columns, expected, streamType);
  const stored = await (db.isTransaction ? inSavepoint(db, run) : run()).catch((error: unknown) => {
    // Another writer committed some of these ids after our statement's snapshot (a consumer's redelivery racing
    // the delivery it repeats, two writers under `any`): the unique key stops us once the winner commits.
    if (isEventIdCollision(error)) return null;
    throw error;
  });
  if (stored !== null) return appended(streamId, events, stored);
  return classifyRejectedAppend(db, streamId, expected, columns.eventIds);
};

/** The rows the statement stored; none when the expectation or the event ids stopped it (classify why). */
const runAppend = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  columns: AppendColumns,
  expected: ExpectedVersion,
  streamType: string,
): Promise<AppendedRow[] | null> => {
  const stopTimer = appendSeconds.startTimer();
  const { rows } = await appendStatement(columns, ExpectedVersion.kindOf(expected)).execute(db);
  stopTimer();
  if (rows.length === 0) return null;
  // Counted when the statement stored them; a transaction that rolls back later is counted anyway (rare).
  eventsAppended.inc({ stream_type: streamType }, rows.length);
  return rows;
};

/**
 * Inside the caller's transaction an event-id collision would abort the whole transaction, and a redelivered
 * message would meet it again on every attempt. A savepoint confines it to this statement, so the append answers
 * with a value (idempotent or `duplicate_event_ids`) and the transaction goes on. Two short round trips per append.
 */
const inSavepoint = async <DB extends EventStoreTables, T>(db: Executor<DB>, run: () => Promise<T>): Promise<T> => {
  await sql`savepoint sf_append`.execute(db);
  try {
    const result = await run();
    await sql`release savepoint sf_append`.execute(db);
    return result;
  } catch (error) {
    await sql`rollback to savepoint sf_append`.execute(db);
    throw error;
  }
};

const toColumns = (
  streamId: string,
  streamType: string,
  expected: ExpectedVersion,
  events: NewEvent[],
): AppendColumns => {
  const eventIds = events.map((e) => e.eventId);
  if (new Set(eventIds).size !== eventIds.length)
    throw new Error(`append to ${streamId} repeats an event id within one call`);
  return {
    streamId,
    streamType,
    exactVersion: ExpectedVersion.exactOf(expected),
    eventIds,
    types: events.map((e) => e.type),
    versions: events.map((e) => e.version),
    data: JSON.stringify(events.map((e) => e.data)),
    metadata: JSON.stringify(events.map((e) => e.metadata)),
  };
};

const appended = (streamId: string, events: NewEvent[], rows: AppendedRow[]): AppendResult => {
  if (rows.length !== events.length)
    throw new Error(`append to ${streamId} stored ${rows.length} of ${events.length} events`);
  // Positions are old version + 1 .. old version + n; place each returned row by its position, not by row order.
  const first = rows.reduce((m, r) => Math.min(m, Number(r.stream_position)), Number.MAX_SAFE_INTEGER);
  const recorded: RecordedEvent[] = new Array(events.length);
  for (const r of rows) {
    const streamPosition = Number(r.stream_position);
    const { eventId, type, version, data, metadata } = events[streamPosition - first]!;
    recorded[streamPosition - first] = {
      eventId,
      type,
      version,
      data,
      metadata,
      streamId,
      streamPosition,
      globalPosition: r.global_position,
      transactionId: r.transaction_id,
    };
  }
  return { ok: true, nextVersion: first + events.length - 1, events: recorded, idempotent: false };
};

const isEventIdCollision = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === '23505' &&
  (error as { constraint?: unknown }).constraint === 'es_events_event_id_key';
