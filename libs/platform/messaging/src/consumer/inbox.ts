import type { Executor } from '@sf/db';

/**
 * Records that `consumer` is applying `eventId`, in the caller's transaction. False when the row already
 * exists: the event was applied before (its effect committed with that row), so the caller must do nothing.
 * A concurrent claim of the same row waits for the other transaction, so two deliveries never both apply.
 */
export const claimInbox = async (trx: Executor, consumer: string, eventId: string): Promise<boolean> => {
  const row = await trx
    .insertInto('inbox')
    .values({ consumer, event_id: eventId })
    .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return row !== undefined;
};
