import { tablesOf, type Executor } from '@sf/db';
import type { MessagingTables } from '../schema/messaging.tables';

/**
 * Records, in the caller's transaction, that `consumer` is applying these events; returns the ids that were
 * new. An id already in the inbox was applied before (its effect committed with that row): the caller must do
 * nothing for it. A concurrent claim of the same row waits for the other transaction, so two deliveries never
 * both apply. One statement for the whole batch.
 */
export const claimInbox = async <DB extends MessagingTables>(
  trx: Executor<DB>,
  consumer: string,
  eventIds: readonly string[],
): Promise<Set<string>> => {
  if (eventIds.length === 0) return new Set();
  const rows = await tablesOf<MessagingTables, DB>(trx)
    .insertInto('inbox')
    .values(eventIds.map((eventId) => ({ consumer, event_id: eventId })))
    .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
    .returning('event_id')
    .execute();
  return new Set(rows.map((r) => r.event_id));
};
