import { sql, type Kysely, type Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { Database } from '@sf/db';
import { claimInbox } from './inbox';
import type { MessageContext, MessageHandler } from './message-handler';
import { errorType, type Outcome } from './settlement';

export interface Delivery {
  event: RecordedEvent;
  ctx: MessageContext;
}

/**
 * Applies a batch of valid events in ONE transaction: each event runs inside its own savepoint, so a handler
 * that throws (or asks to retry / dead-letter) undoes only its own inbox row and effects, and the others still
 * commit. One commit per batch instead of one per event is what keeps throughput off the fsync floor.
 * If the transaction itself fails, every event of the batch is a transient failure.
 */
export const applyBatch = async (
  db: Kysely<Database>,
  consumer: string,
  deliveries: readonly Delivery[],
  handler: MessageHandler,
  beforeEach: (index: number) => void,
): Promise<Outcome[]> => {
  try {
    return await db.transaction().execute(async (trx) => {
      const outcomes: Outcome[] = [];
      for (const [i, d] of deliveries.entries()) {
        beforeEach(i);
        outcomes.push(await applyOne(trx, consumer, d, handler));
      }
      return outcomes;
    });
  } catch (err) {
    const threw: Outcome = { kind: 'threw', errorType: errorType(err) };
    return deliveries.map(() => threw);
  }
};

const applyOne = async (trx: Transaction<Database>, consumer: string, d: Delivery, handler: MessageHandler): Promise<Outcome> => {
  await sql`savepoint sf_message`.execute(trx);
  try {
    if (!(await claimInbox(trx, consumer, d.event.eventId))) {
      await sql`release savepoint sf_message`.execute(trx);
      return { kind: 'duplicate' };
    }
    const disposition = await handler(d.event, trx, d.ctx);
    await (disposition.kind === 'ack' ? sql`release savepoint sf_message` : sql`rollback to savepoint sf_message`).execute(trx);
    return { kind: 'handled', disposition };
  } catch (err) {
    // If even the rollback fails the connection is gone: that throws and fails the whole batch.
    await sql`rollback to savepoint sf_message`.execute(trx);
    return { kind: 'threw', errorType: errorType(err) };
  }
};
