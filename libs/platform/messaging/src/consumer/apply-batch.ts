import { context } from '@opentelemetry/api';
import type { Kysely, Transaction } from 'kysely';
import type { RecordedCatalogueEvent } from '@sf/contracts';
import { traceIdsOf, withLogContext } from '@sf/logging';
import type { Disposition } from './disposition';
import { claimInbox } from './inbox';
import type { MessagingTables } from '../schema/messaging.tables';
import type { MessageContext, MessageHandler } from './message-handler';
import { errorType, type Outcome } from './settlement';

export interface Delivery {
  event: RecordedCatalogueEvent;
  ctx: MessageContext;
}

/** Thrown inside the transaction to roll it back because one event did not end in `ack`. */
class Rejected extends Error {
  constructor(
    readonly index: number,
    readonly outcome: Outcome,
  ) {
    super('rejected');
  }
}

/**
 * Applies a batch of valid events in ONE transaction: one inbox statement, then each handler in order, one
 * commit. When a handler throws or returns retry/dead, the whole transaction rolls back, that event gets its
 * outcome, and the batch runs again without it: the others still commit together, and no savepoints (Postgres
 * subtransactions, which degrade every snapshot past 64 per transaction) are needed. Handlers must therefore
 * only have effects through `trx`. If the database itself fails, every remaining event is a transient failure.
 */
export const applyBatch = async <DB extends MessagingTables>(
  db: Kysely<DB>,
  consumer: string,
  deliveries: readonly Delivery[],
  handler: MessageHandler<DB>,
  beforeEach: (index: number) => void,
): Promise<Outcome[]> => {
  const outcomes: (Outcome | undefined)[] = deliveries.map(() => undefined);
  for (;;) {
    const pending = deliveries.map((_, i) => i).filter((i) => outcomes[i] === undefined);
    if (pending.length === 0) return outcomes as Outcome[];
    try {
      const done = await db
        .transaction()
        .execute((trx) => runOnce(trx, consumer, deliveries, pending, handler, beforeEach));
      done.forEach((o, k) => (outcomes[pending[k]!] = o));
    } catch (err) {
      if (err instanceof Rejected) {
        outcomes[err.index] = err.outcome;
        continue;
      }
      const threw: Outcome = { kind: 'threw', errorType: errorType(err) };
      for (const i of pending) outcomes[i] = threw;
    }
  }
};

const runOnce = async <DB extends MessagingTables>(
  trx: Transaction<DB>,
  consumer: string,
  deliveries: readonly Delivery[],
  pending: readonly number[],
  handler: MessageHandler<DB>,
  beforeEach: (index: number) => void,
): Promise<Outcome[]> => {
  const fresh = await claimInbox(
    trx,
    consumer,
    pending.map((i) => deliveries[i]!.event.eventId),
  );
  const out: Outcome[] = [];
  for (const i of pending) {
    const d = deliveries[i]!;
    // `delete` also turns a second copy of the same event within this batch into a duplicate.
    if (!fresh.delete(d.event.eventId)) {
      out.push({ kind: 'duplicate' });
      continue;
    }
    beforeEach(i);
    let disposition: Disposition;
    try {
      // Lines the handler logs carry the event's correlation id and the trace ids of its process span, and the
      // process span is the active context, so what the handler appends or calls continues the event's trace.
      const ids = { correlationId: d.event.metadata.correlationId, ...traceIdsOf(d.ctx.otel) };
      disposition = await context.with(d.ctx.otel, () => withLogContext(ids, () => handler(d.event, trx, d.ctx)));
    } catch (err) {
      throw new Rejected(i, { kind: 'threw', errorType: errorType(err) });
    }
    if (disposition.kind !== 'ack') throw new Rejected(i, { kind: 'handled', disposition });
    out.push({ kind: 'handled', disposition });
  }
  return out;
};
