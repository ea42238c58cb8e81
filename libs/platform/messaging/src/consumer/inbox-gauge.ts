import { tablesOf, type Executor } from '@sf/db';
import { inboxRows, throttledSource } from '@sf/metrics';
import type { MessagingTables } from '../schema/messaging.tables';

/** A count over a growing table: at most one per minute per consumer, whatever the scrape interval. */
const INBOX_COUNT_INTERVAL_MS = 60_000;

/** The rows of one consumer's inbox (an index-only count over the primary key's leading column). */
export const inboxSize = async <DB extends MessagingTables>(db: Executor<DB>, consumer: string): Promise<number> => {
  const r = await tablesOf<MessagingTables, DB>(db)
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('consumer', '=', consumer)
    .executeTakeFirstOrThrow();
  return Number(r.n);
};

/**
 * Registers `sf_inbox_rows{consumer}` for one consumer (its runner does, while it runs); returns its removal.
 * Replicas of a consumer report the same count: dashboards take the max per consumer.
 */
export const registerInboxGauge = <DB extends MessagingTables>(
  db: Executor<DB>,
  consumer: string,
  minIntervalMs = INBOX_COUNT_INTERVAL_MS,
): (() => void) =>
  inboxRows.source(
    throttledSource(async () => [{ labels: { consumer }, value: await inboxSize(db, consumer) }], minIntervalMs),
  );
