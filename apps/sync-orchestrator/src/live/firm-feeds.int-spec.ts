// The shared per-firm feeds on the real NATS: one consumer per firm however many streams read it, and a stream that
// resumes from any earlier point still gets each live item after it once, in order (buffer or catch-up).
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { SUBJECTS, toWire } from '@sf/contracts';
import { defineTopology, provision, rebaseSubject, type Topology } from '@sf/messaging';
import { connectTestNats, uniqueName, waitFor } from '@sf/testing';
import { event } from '../testing/orchestrator-fixtures';
import { FirmFeeds, type FeedSubscription } from './firm-feeds';
import { lastSequence, openFirmTail, type LiveItem } from './live-feed';

describe('shared live feeds per firm (real NATS)', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let topology: Topology;
  const FIRM = 'firm-feeds-a';
  const open: FeedSubscription[] = [];
  const jobId = randomUUID();
  let fetched = 0;

  /** One live item (SyncProgressed, `fetched` counting up) or one event the feed skips; returns its sequence. */
  const publish = async (kind: 'live' | 'other', firmId = FIRM): Promise<number> => {
    const type = kind === 'live' ? 'SyncProgressed' : 'SyncBookmarksReset';
    const e =
      kind === 'live'
        ? event(firmId, 'SyncProgressed', {
            jobId,
            entityType: 'matters',
            fetched: ++fetched,
            total: null,
            cursor: null,
            mode: 'full',
          })
        : event(firmId, 'SyncBookmarksReset', { jobId, scope: { kind: 'firm' } });
    const wire = toWire({
      ...e,
      streamId: `sync-job-${jobId}`,
      streamPosition: fetched,
      globalPosition: String(fetched),
      transactionId: '1',
    });
    const subject = rebaseSubject(topology.namespace, SUBJECTS.event(firmId, type));
    return (await jetstream(nc).publish(subject, JSON.stringify(wire), { msgID: e.eventId })).seq;
  };
  const feedsOf = (bufferItems: number): FirmFeeds =>
    new FirmFeeds((firmId, after, onMessage) => openFirmTail(nc, topology, firmId, after, onMessage), bufferItems);
  const reader = async (feeds: FirmFeeds, after: number): Promise<LiveItem[]> => {
    const got: LiveItem[] = [];
    open.push(await feeds.subscribe(FIRM, after, (i) => got.push(i)));
    return got;
  };
  const consumers = async (): Promise<number> =>
    (await jsm.streams.info(topology.streams.events.name)).state.consumer_count;
  const fetchedOf = (items: LiveItem[]): number[] => items.map((i) => i.message.fetched ?? -1);

  beforeAll(async () => {
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
    const id = uniqueName('feeds');
    topology = defineTopology({
      namespace: id,
      eventsStream: `${id}_events`.toUpperCase(),
      deadLetterStream: `${id}_dlq`.toUpperCase(),
    });
    await provision(jsm, topology);
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  afterAll(async () => {
    for (const s of Object.values(topology.streams)) await jsm.streams.delete(s.name).catch(() => false);
    await nc.close();
  });

  it('feeds every stream of a firm from one consumer, and closes it with the last stream', async () => {
    const feeds = feedsOf(100);
    const before = await consumers();
    const now = await lastSequence(nc, topology);
    const readers = await Promise.all(Array.from({ length: 20 }, () => reader(feeds, now)));
    expect(feeds.tails).toBe(1);
    await publish('live');
    await publish('other');
    await publish('live');
    for (const got of readers)
      await waitFor(
        async () => got.length,
        (n) => n === 2,
      );
    expect(readers.map(fetchedOf)).toEqual(readers.map(() => [fetched - 1, fetched]));
    expect(await consumers()).toBe(before + 1);
    for (const s of open.splice(0)) s.close();
    expect(feeds.tails).toBe(0);
  });

  it('replays a recent Last-Event-ID from the buffer, an older one through a catch-up, each item once and in order', async () => {
    const feeds = feedsOf(3);
    const first = await publish('live');
    await publish('other');
    const second = await publish('live');
    // The firm's tail starts here: the first reader's position.
    const base = await lastSequence(nc, topology);
    const live = await reader(feeds, base);
    const seqs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      seqs.push(await publish('live'));
      await publish('other');
    }
    await waitFor(
      async () => live.length,
      (n) => n === 5,
    );
    // The buffer (3 items) holds the last three; a resume after the second of the five is served from it.
    const recent = await reader(feeds, seqs[1]!);
    expect(recent.map((i) => i.seq)).toEqual(seqs.slice(2));
    // From before the buffer's floor (it dropped two) and from before the tail's start: a catch-up each.
    const dropped = await reader(feeds, seqs[0]!);
    const older = await reader(feeds, first);
    const fromStart = await reader(feeds, 0);
    const last = await publish('live');
    const expected = [second, ...seqs, last];
    await waitFor(
      async () => older.length,
      (n) => n === expected.length,
    );
    // From the stream's start: the first test's items too.
    await waitFor(
      async () => fromStart.at(-1)?.seq,
      (seq) => seq === last,
    );
    await waitFor(
      async () => dropped.length,
      (n) => n === 5,
    );
    expect(older.map((i) => i.seq)).toEqual(expected);
    const all = fromStart.map((i) => i.seq);
    expect(all.filter((seq) => seq >= first)).toEqual([first, ...expected]);
    expect(all).toEqual([...new Set(all)].sort((a, b) => a - b));
    expect(all.length).toBe(expected.length + 3);
    expect(dropped.map((i) => i.seq)).toEqual([...seqs.slice(1), last]);
    expect(live.map((i) => i.seq)).toEqual([...seqs, last]);
    expect(feeds.tails).toBe(1);
  });

  it('joins at once when the firm has nothing after a resume from before its tail (other firms wrote meanwhile)', async () => {
    const feeds = feedsOf(10);
    const otherFirm = await publish('live', 'firm-feeds-b');
    const live = await reader(feeds, otherFirm);
    const resumed = await reader(feeds, otherFirm - 1);
    const next = await publish('live');
    await waitFor(
      async () => resumed.length,
      (n) => n === 1,
    );
    expect(resumed.map((i) => i.seq)).toEqual([next]);
    expect(live.map((i) => i.seq)).toEqual([next]);
  });
});
