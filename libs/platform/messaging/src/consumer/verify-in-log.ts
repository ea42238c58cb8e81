import { isDeepStrictEqual } from 'node:util';
import { readEvent, subjectFor, type RecordedCatalogueEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { readEventsById, type EventStoreTables } from '@sf/event-store';
import { eventSubjectIn, type Topology } from '../topology';

/** A decoded message: the event its body claims and the subject it arrived on. */
export interface Claimed {
  subject: string;
  event: RecordedCatalogueEvent;
}

export type Verified = { ok: true; event: RecordedCatalogueEvent } | { ok: false; reason: string };

/** Plain JSON values, so class instances and key order do not matter to the comparison. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

/**
 * Checks each claimed event against the log (one query for the batch): a message is acted on only when the log
 * holds an event with its id that reads exactly as the message does, and it arrived on that event's subject (the
 * firm and type in the subject are the log's). Anyone who can publish to an event subject can make up a message;
 * nobody outside Postgres can make up a log row. The handler then gets the event as the log holds it.
 * Reasons name the check, never a value.
 */
export const verifyInLog = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  topology: Pick<Topology, 'namespace'>,
  claims: readonly Claimed[],
): Promise<Verified[]> => {
  const stored = await readEventsById(
    db,
    claims.map((c) => c.event.eventId),
  );
  return claims.map((c) => {
    const row = stored.get(c.event.eventId.toLowerCase());
    if (!row) return { ok: false, reason: 'event is not in the log' };
    const logged = readEvent(row);
    if (!logged.ok) return { ok: false, reason: 'event in the log does not match its contract' };
    if (!isDeepStrictEqual(plain(logged.value), plain(c.event)))
      return { ok: false, reason: 'event differs from the log' };
    if (c.subject !== eventSubjectIn(topology, subjectFor(row)))
      return { ok: false, reason: 'subject differs from the logged event (firm or type)' };
    return { ok: true, event: logged.value };
  });
};
