import { StreamTypes, streamIds, type NewEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, type EventStoreTables } from '@sf/event-store';

interface Waiter {
  event: NewEvent;
  resolve(duplicate: boolean): void;
  reject(err: unknown): void;
}

/**
 * Group commit of verified deliveries to a firm's webhook inbox. Every append to one stream takes that stream's row
 * lock, so concurrent deliveries of a firm used to queue on it one statement at a time. Here the first delivery is
 * appended at once; those that arrive while it is in flight wait and go together in the next append (one
 * statement, one lock), up to `maxBatch`. Nothing waits on a timer, and each delivery is answered only after the
 * statement holding its event committed (the ingress's durability promise is unchanged).
 */
export class InboxBatcher {
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    private readonly db: Executor<EventStoreTables>,
    private readonly maxBatch = 100,
  ) {}

  /** Appends the delivery's event; resolves with whether the log already held it (a redelivery). */
  append(firmId: string, event: NewEvent): Promise<boolean> {
    const stream = streamIds.webhookInbox(firmId);
    return new Promise<boolean>((resolve, reject) => {
      const queue = this.queues.get(stream);
      if (queue) {
        queue.push({ event, resolve, reject });
        return;
      }
      this.queues.set(stream, [{ event, resolve, reject }]);
      void this.drain(stream);
    });
  }

  /** Appends the stream's waiters batch by batch until none is left; the queue's presence marks a drain running. */
  private async drain(stream: string): Promise<void> {
    const queue = this.queues.get(stream)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      try {
        await this.appendBatch(stream, batch);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.queues.delete(stream);
  }

  private async appendBatch(stream: string, batch: readonly Waiter[]): Promise<void> {
    // The same delivery twice in one batch (Clio retrying while the first is in flight) is one event.
    const first = new Map<string, Waiter>();
    for (const w of batch) if (!first.has(w.event.eventId)) first.set(w.event.eventId, w);
    const events = [...first.values()].map((w) => w.event);
    const r = await appendToStream(this.db, stream, StreamTypes.webhookInbox, 'any', events);
    if (r.ok) {
      for (const w of batch) w.resolve(r.idempotent || first.get(w.event.eventId) !== w);
      return;
    }
    if (r.reason !== 'duplicate_event_ids') throw new Error(`webhook deliveries could not be appended: ${r.reason}`);
    // Some of the batch were stored before (redeliveries): the append writes all or nothing, so go one by one.
    const stored = new Map<string, boolean>();
    for (const e of events) {
      const one = await appendToStream(this.db, stream, StreamTypes.webhookInbox, 'any', [e]);
      if (!one.ok) throw new Error(`a webhook delivery could not be appended: ${one.reason}`);
      stored.set(e.eventId, one.idempotent);
    }
    for (const w of batch) w.resolve(first.get(w.event.eventId) !== w || stored.get(w.event.eventId) === true);
  }
}
