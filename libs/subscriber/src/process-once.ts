import type { Kysely, Transaction } from 'kysely';
import { claimInbox, type MessagingTables } from '@sf/messaging';

/**
 * Applies `effect` at most once per (consumer, message id), in one transaction with the record of it (the
 * platform's inbox table, `messagingMigrations`): a redelivered or re-published message finds its id claimed and
 * is skipped. Returns false when it was skipped. Ack the message only after this resolves.
 */
export const processOnce = async <DB extends MessagingTables>(
  db: Kysely<DB>,
  consumer: string,
  messageId: string,
  effect: (trx: Transaction<DB>) => Promise<void>,
): Promise<boolean> =>
  db.transaction().execute(async (trx) => {
    const fresh = await claimInbox(trx, consumer, [messageId]);
    if (!fresh.has(messageId)) return false;
    await effect(trx);
    return true;
  });
