import type { FirmTail, LiveItem, OpenTail } from './live-feed';
import { catchUp } from './catch-up';

/** One stream's share of its firm's feed. */
export interface FeedSubscription {
  /** Settles when the firm's tail stopped under it (NATS closed): the stream ends and its client reconnects. */
  readonly done: Promise<void>;
  close(): void;
}

/** Live items kept per firm, so a reconnect with a recent Last-Event-ID is served without a consumer of its own. */
export const FEED_BUFFER_ITEMS = 1_000;

/** One firm's feed: the streams it feeds and its recent items. */
interface FeedState {
  listeners: Set<(item: LiveItem) => void>;
  /** The last items, oldest first: every live item after `floor` is here. */
  buffer: LiveItem[];
  floor: number;
}

interface Entry {
  refs: number;
  state: FeedState;
  tail: Promise<FirmTail>;
}

/**
 * The live feeds of one process: one tail (one consumer) per firm with open streams, fanned out in-process, instead
 * of one consumer per stream (500 streams of a firm made 500 consumers and a delivery p99 of 19 s). A stream that
 * resumes after the tail's start is replayed from the firm's buffer; one that resumes from before (or from items the
 * buffer dropped) reads its own tail only up to that point (`catchUp`), then joins. Either way each live item after
 * its Last-Event-ID reaches it once, in stream order. The firm's tail closes with its last stream.
 */
export class FirmFeeds {
  private readonly entries = new Map<string, Entry>();
  constructor(
    private readonly open: OpenTail,
    private readonly bufferItems = FEED_BUFFER_ITEMS,
  ) {}

  /** Firms with a tail open (one consumer each). */
  get tails(): number {
    return this.entries.size;
  }

  /** Calls `onItem` for every live item of the firm after `afterSeq`, in stream order, until closed. */
  async subscribe(firmId: string, afterSeq: number, onItem: (item: LiveItem) => void): Promise<FeedSubscription> {
    const entry = this.entryOf(firmId, afterSeq);
    let tail: FirmTail;
    let closeCatchUp = (): void => undefined;
    let listener: (item: LiveItem) => void = onItem;
    try {
      tail = await entry.tail;
      const { state } = entry;
      if (afterSeq >= state.floor) {
        for (const item of state.buffer) if (item.seq > afterSeq) onItem(item);
      } else {
        const joining = catchUp({
          firmId,
          afterSeq,
          handover: state.floor,
          queued: state.buffer,
          onItem,
          open: this.open,
        });
        listener = joining.listener;
        closeCatchUp = joining.close;
        // Added before the catch-up's tail opens: what the firm's tail delivers meanwhile is queued, not lost.
        state.listeners.add(listener);
        await joining.started;
      }
      state.listeners.add(listener);
    } catch (e) {
      entry.state.listeners.delete(listener);
      this.release(firmId, entry);
      throw e;
    }
    let closed = false;
    return {
      done: tail.done.then(
        () => undefined,
        () => undefined,
      ),
      close: () => {
        if (closed) return;
        closed = true;
        closeCatchUp();
        entry.state.listeners.delete(listener);
        this.release(firmId, entry);
      },
    };
  }

  private entryOf(firmId: string, afterSeq: number): Entry {
    const known = this.entries.get(firmId);
    if (known) {
      known.refs += 1;
      return known;
    }
    // The first stream's position starts the tail, so that stream needs no catch-up of its own.
    const state: FeedState = { listeners: new Set(), buffer: [], floor: afterSeq };
    const tail = this.open(firmId, afterSeq, (m) => {
      if (m.item === null) return;
      const item = m.item;
      state.buffer.push(item);
      if (state.buffer.length > this.bufferItems) state.floor = state.buffer.shift()!.seq;
      for (const l of state.listeners) l(item);
    });
    const entry: Entry = { refs: 1, state, tail };
    this.entries.set(firmId, entry);
    // A tail that failed to open or stopped under its streams is forgotten: the next stream opens a new one.
    const forget = (): void => {
      if (this.entries.get(firmId) === entry) this.entries.delete(firmId);
    };
    tail.then((t) => t.done.finally(forget), forget).catch(() => undefined);
    return entry;
  }

  private release(firmId: string, entry: Entry): void {
    entry.refs -= 1;
    if (entry.refs > 0) return;
    if (this.entries.get(firmId) === entry) this.entries.delete(firmId);
    void entry.tail.then((t) => t.close()).catch(() => undefined);
  }
}
