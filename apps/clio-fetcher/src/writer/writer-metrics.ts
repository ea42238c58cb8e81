import { sql, type Kysely } from 'kysely';
import { EventTypes, type CatalogueEvent } from '@sf/contracts';
import type { WriteState } from '@sf/clio-writes';
import { writerApplySeconds, writerOldestPendingSeconds, writerQueueWrites, writerWrites } from '@sf/metrics';
import type { FetcherDb } from '../schema/fetcher-schema';

const labels = (w: WriteState, outcome: string) => ({ entity_type: w.entityType, operation: w.operation, outcome });

/** A request of `w` sent to Clio. */
export const countSent = (w: WriteState): void => writerWrites.inc(labels(w, 'attempted'));

/** The outcome events the writer appended for `w` (nothing when another process recorded it first). */
export const countOutcome = (w: WriteState, appended: readonly CatalogueEvent[], now: Date): void => {
  for (const e of appended) {
    if (e.type === EventTypes.ClioWriteApplied) {
      writerWrites.inc(labels(w, 'applied'));
      writerApplySeconds.observe(
        { entity_type: w.entityType },
        Math.max(0, (now.getTime() - Date.parse(w.requestedAt)) / 1000),
      );
    } else if (e.type === EventTypes.ClioWriteFailed) writerWrites.inc(labels(w, 'failed'));
    else if (e.type === EventTypes.ClioWriteConflicted) writerWrites.inc(labels(w, 'conflicted'));
  }
};

/**
 * The queue's depth and the age of its oldest pending write, read from the pending-writes read model at each scrape
 * (by the process running a writer). Returns the removal of both sources.
 */
export const registerWriterGauges = (db: Kysely<FetcherDb>): (() => void) => {
  const queue = sql<{ status: string; n: string; oldest: Date | null }>`
    select status, count(*) as n, min(requested_at) as oldest from clio_pending_writes
    where status in ('pending', 'conflicted') group by status`;
  const depth = writerQueueWrites.source(async () => {
    const { rows } = await queue.execute(db);
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return ['pending', 'conflicted'].map((status) => ({ labels: { status }, value: n(status) }));
  });
  const age = writerOldestPendingSeconds.source(async () => {
    const { rows } = await queue.execute(db);
    const oldest = rows.find((r) => r.status === 'pending')?.oldest;
    return [{ labels: {}, value: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0 }];
  });
  return () => {
    depth();
    age();
  };
};
