import type { FirmTail, LiveItem, OpenTail } from './live-feed';

export interface CatchUp {
  /** Joins the firm's shared feed: queues its items until the catch-up is done, then passes them on. */
  listener: (item: LiveItem) => void;
  /** Settles once the catch-up's own tail is open (rejects when it cannot open). */
  started: Promise<void>;
  close(): void;
}

/**
 * A stream resuming from before its firm's shared feed holds (`afterSeq` < `handover`): its own tail reads the firm's
 * items up to `handover` (the feed's floor: every live item after it is in the feed's buffer or still to come), then
 * stops, and the queued items of the feed follow. The own tail is known to have passed `handover` when it delivers a
 * message after it, or one that had nothing after it (`pending` 0), or when it had nothing to deliver at all: every
 * message up to `handover` was in the stream before the tail was made, so none can come later.
 */
export const catchUp = (o: {
  firmId: string;
  afterSeq: number;
  handover: number;
  /** The feed's buffer now: items after `handover`, copied. */
  queued: readonly LiveItem[];
  onItem: (item: LiveItem) => void;
  open: OpenTail;
}): CatchUp => {
  const queue = [...o.queued];
  let joined = false;
  let closed = false;
  let tail: FirmTail | undefined;
  const join = (): void => {
    if (joined) return;
    joined = true;
    for (const item of queue.splice(0)) o.onItem(item);
    void tail?.close();
  };
  const started = o
    .open(o.firmId, o.afterSeq, (m) => {
      if (joined || closed) return;
      if (m.seq > o.handover) return join();
      if (m.item !== null) o.onItem(m.item);
      if (m.pending === 0) join();
    })
    .then((t) => {
      tail = t;
      if (closed) void t.close();
      // Joined while the tail was opening, or nothing to read: it is not needed.
      else if (joined) void t.close();
      else if (t.pendingAtStart === 0) join();
    });
  return {
    listener: (item) => (joined ? o.onItem(item) : void queue.push(item)),
    started,
    close: () => {
      closed = true;
      void tail?.close();
    },
  };
};
