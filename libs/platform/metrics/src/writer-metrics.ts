import { defineCounter, defineHistogram } from './define';
import { defineScrapedGauge } from './scraped-gauge';

/**
 * Write-back to Clio, recorded by the writer (a role of the clio-fetcher). `outcome`: `attempted` (a request sent to
 * Clio: a create, update, delete or completion; a resend after a 412 counts again), `applied`, `failed`,
 * `conflicted` (the outcome recorded in the write's stream).
 */
export const writerWrites = defineCounter(
  'sf_writer_writes_total',
  'Write-backs sent to Clio and their recorded outcomes, by entity type, operation and outcome',
  ['entity_type', 'operation', 'outcome'],
);

/** From the request (the 202) to Clio's confirmation recorded: what a person waits for a write to reach Clio. */
export const writerApplySeconds = defineHistogram(
  'sf_writer_apply_seconds',
  'Time from a write request to its ClioWriteApplied, by entity type',
  ['entity_type'],
  [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
);

/** The queue as the pending-writes read model holds it (all firms), read at each scrape. */
export const writerQueueWrites = defineScrapedGauge(
  'sf_writer_queue_writes',
  'Write-backs waiting, by status (pending: to be sent; conflicted: waiting for a person)',
  ['status'],
);

/** Age of the oldest pending write: grows while Clio is away or the writer is stopped. */
export const writerOldestPendingSeconds = defineScrapedGauge(
  'sf_writer_oldest_pending_seconds',
  'Seconds since the oldest pending write-back was requested (0 when none)',
);
