import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import type { FeedSubscription, FirmFeeds } from './firm-feeds';
import type { LiveItem, LiveTopology } from './live-feed';

/** Comment line sent when nothing else was, so proxies keep the connection open. */
const HEARTBEAT_MS = 15_000;
/** A client this far behind is cut off (it reconnects with Last-Event-ID and loses nothing). */
const MAX_BUFFERED_BYTES = 1 << 20;
/** What EventSource waits before it reconnects by itself, in ms. */
const RETRY_MS = 3_000;

/**
 * The open streams of this process, so a shutdown ends them (an open response keeps the HTTP server alive), and the
 * firms' shared feeds they read.
 */
export class LiveStreams {
  private readonly open = new Set<() => Promise<void>>();
  constructor(readonly feeds: FirmFeeds) {}
  get size(): number {
    return this.open.size;
  }
  add(end: () => Promise<void>): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }
  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((end) => end()));
  }
}

export interface SseRequest {
  nc: NatsConnection;
  topology: LiveTopology;
  streams: LiveStreams;
  firmId: string;
  /** The token's expiry: the stream ends then (`event: expired`), so it never outlives its authorisation. */
  expiresAt: Date;
  /** `Last-Event-ID` (a sequence of the events stream), or null for a fresh start with a snapshot. */
  after: number | null;
  /** What the page shows before any event: read after the stream position it is sent with. */
  snapshot: () => Promise<object>;
  /** Which of the firm's live events this stream forwards. */
  accepts: (item: LiveItem) => boolean;
}

const frame = (id: number | null, event: string, data: object): string =>
  `${id === null ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** The sequence to resume after: the one asked, or the stream's last with a snapshot when none was (or it expired). */
const startOf = async (r: SseRequest): Promise<{ after: number; snapshot: boolean }> => {
  const { state } = await (await jetstreamManager(r.nc)).streams.info(r.topology.streams.events.name);
  // Messages before first_seq aged out of the stream: a resume from there would skip them silently.
  if (r.after !== null && r.after + 1 >= state.first_seq) return { after: r.after, snapshot: false };
  return { after: state.last_seq, snapshot: true };
};

/**
 * Serves one `text/event-stream`: `retry`, then (without a usable Last-Event-ID) a `snapshot` event whose id is the
 * stream position it is at least as fresh as, then every accepted live event with its stream sequence as `id`.
 * Events replayed past the snapshot are cumulative (counts, states), so applying one twice changes nothing.
 */
export const serveSse = async (req: IncomingMessage, res: ServerResponse, r: SseRequest): Promise<void> => {
  const start = await startOf(r);
  const snapshot = start.snapshot ? await r.snapshot() : null;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  let ended = false;
  // What is open so far: `end` undoes what exists, at any point (a client gone, or too far behind while its feed
  // replays, even before the subscription resolved).
  const open: {
    feed?: FeedSubscription;
    heartbeat?: NodeJS.Timeout;
    expiry?: NodeJS.Timeout;
    unregister?: () => void;
  } = {};
  const end = async (): Promise<void> => {
    if (ended) return;
    ended = true;
    clearInterval(open.heartbeat);
    clearTimeout(open.expiry);
    open.unregister?.();
    res.end();
    open.feed?.close();
  };
  const write = (text: string): void => {
    if (ended) return;
    res.write(text);
    if (res.writableLength > MAX_BUFFERED_BYTES) void end();
  };
  req.on('close', () => void end());
  write(`retry: ${RETRY_MS}\n\n`);
  if (snapshot !== null) write(frame(start.after, 'snapshot', snapshot));
  let subscribed: FeedSubscription;
  try {
    subscribed = await r.streams.feeds.subscribe(r.firmId, start.after, (item) => {
      if (r.accepts(item)) write(frame(item.seq, item.message.type, item.message));
    });
  } catch {
    // The headers are sent: ending the stream is the answer left; EventSource reconnects after `retry`.
    return end();
  }
  open.feed = subscribed;
  if (ended) return subscribed.close();
  open.heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
  open.expiry = setTimeout(
    () => {
      write(frame(null, 'expired', { message: 'The access token expired; reconnect with a new one' }));
      void end();
    },
    Math.max(0, r.expiresAt.getTime() - Date.now()),
  );
  open.unregister = r.streams.add(() => end());
  // The feed only ends when stopped, or when NATS closed under it: then the client reconnects elsewhere.
  void subscribed.done.finally(() => void end());
};
