import { deleteInBatches, msAgoOnDbClock, startPeriodicPass, tablesOf, type Executor, type PeriodicPass } from '@sf/db';
import { inboxPruned } from '@sf/metrics';
import { TOPOLOGY_DEFAULTS, type Topology } from '../topology';
import type { MessagingTables } from '../schema/messaging.tables';

const DAY_MS = 24 * 60 * 60 * 1000;

export const INBOX_PRUNE_DEFAULTS = {
  /** Slack past the longest a message stays deliverable: clock skew, a consumer stopped near the end of it. */
  marginMs: DAY_MS,
  everyMs: 60 * 60_000,
  /** Rows deleted per statement, so a pass never holds many row locks or one long transaction. */
  batchSize: 5_000,
} as const;

const msOf = (nanos: number | undefined, fallbackMs: number): number =>
  nanos === undefined ? fallbackMs : nanos / 1_000_000;

/**
 * How long an inbox row must be kept: a row stops mattering once its event can no longer reach the consumer again.
 * A message leaves the events stream `max_age` after it was published (before the row was written), and a dead
 * letter, which `sf dlq redrive` may apply any number of times, leaves its stream `max_age` after it was copied
 * there; the relay publishes only what follows its checkpoint, so nothing older comes back. The longer of the two
 * ages plus a margin.
 */
export const inboxHorizonMs = (streams?: Pick<Topology['streams'], 'events' | 'deadLetters'>): number =>
  Math.max(
    msOf(streams?.events.max_age, TOPOLOGY_DEFAULTS.eventsMaxAgeMs),
    msOf(streams?.deadLetters.max_age, TOPOLOGY_DEFAULTS.deadLetterMaxAgeMs),
  ) + INBOX_PRUNE_DEFAULTS.marginMs;

/**
 * Deletes `consumer`'s inbox rows written more than `horizonMs` ago (on the database's clock, the one that stamped
 * them), `batchSize` rows per statement until none is left; returns how many went. Replicas may run it side by side.
 */
export const pruneInbox = async <DB extends MessagingTables>(
  db: Executor<DB>,
  consumer: string,
  horizonMs: number,
  batchSize: number = INBOX_PRUNE_DEFAULTS.batchSize,
): Promise<number> => {
  if (!(horizonMs > 0)) throw new Error(`inbox horizon must be positive, got ${horizonMs}`);
  const t = tablesOf<MessagingTables, DB>(db);
  const before = msAgoOnDbClock(horizonMs);
  return deleteInBatches(
    batchSize,
    () =>
      t
        .deleteFrom('inbox')
        .where('consumer', '=', consumer)
        .where('event_id', 'in', (eb) =>
          eb
            .selectFrom('inbox')
            .select('event_id')
            .where('consumer', '=', consumer)
            .where('processed_at', '<', before)
            .limit(batchSize),
        )
        .executeTakeFirst(),
    (n) => inboxPruned.inc({ consumer }, n),
  );
};

export interface InboxPrunerOptions<DB extends MessagingTables> {
  db: Executor<DB>;
  consumer: string;
  /** Keep rows this long (`inboxHorizonMs` of the consumer's streams). */
  horizonMs: number;
  /** Pass period; the first pass runs at start. Default an hour. */
  everyMs?: number;
  onError?: (err: unknown) => void;
}

/** A running pruner: `stop()` ends its timer and waits for a pass in progress. */
export type InboxPruner = PeriodicPass;

/** Prunes one consumer's inbox at start and then every `everyMs`; passes never overlap in one process. */
export const startInboxPruner = <DB extends MessagingTables>(o: InboxPrunerOptions<DB>): InboxPruner =>
  startPeriodicPass({
    pass: () => pruneInbox(o.db, o.consumer, o.horizonMs),
    everyMs: o.everyMs ?? INBOX_PRUNE_DEFAULTS.everyMs,
    ...(o.onError ? { onError: o.onError } : {}),
  });
