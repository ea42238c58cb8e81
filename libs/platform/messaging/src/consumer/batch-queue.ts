/**
 * Messages delivered but not yet applied. The NATS iterator feeds it and the worker takes whatever has arrived,
 * up to a batch, so a batch is never held back waiting for more messages. The feeder waits for room past
 * `capacity`, which stops the iterator and with it further pull requests (backpressure): queued messages age
 * toward ack_wait, so the queue must stay short.
 */
export class BatchQueue<T> {
  private items: T[] = [];
  private closed = false;
  private wake: (() => void) | undefined;
  private wakeFeeder: (() => void) | undefined;

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    this.items.push(item);
    this.signal();
  }

  /** No more pushes; `take` returns what is left, then empty batches. */
  close(): void {
    this.closed = true;
    this.signal();
    this.signalFeeder();
  }

  /** Resolves once the queue holds fewer than `capacity` items (at once if it does). */
  async room(): Promise<void> {
    while (this.items.length >= this.capacity && !this.closed)
      await new Promise<void>((resolve) => (this.wakeFeeder = resolve));
  }

  /** Up to `max` items, waiting for at least one; an empty array once closed and drained. */
  async take(max: number): Promise<T[]> {
    while (this.items.length === 0 && !this.closed) await new Promise<void>((resolve) => (this.wake = resolve));
    const taken = this.items.splice(0, max);
    this.signalFeeder();
    return taken;
  }

  /** Everything still queued (for handing back on stop). */
  drain(): T[] {
    const all = this.items.splice(0);
    this.signalFeeder();
    return all;
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private signalFeeder(): void {
    const wake = this.wakeFeeder;
    this.wakeFeeder = undefined;
    wake?.();
  }
}
