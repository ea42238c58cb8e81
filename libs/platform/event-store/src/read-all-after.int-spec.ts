import { sql, type ControlledTransaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { appendToStream } from './append-to-stream';
import { newEvent, newEvents } from './event-fixtures';
import { LogPosition } from './log-position';
import { readAllAfter } from './read-all-after';
import { readAllAfterAsText } from './read-all-after-as-text';
import { readStream } from './read-stream';
import type { EventStoreTables } from './schema/event-store.tables';

/** A reader tailing the log the way the relay and projections do: resume after the last event seen. */
class Tail {
  readonly seen: RecordedEvent[] = [];
  constructor(
    private readonly t: TestDatabase<EventStoreTables>,
    private cursor: LogPosition,
    private readonly pageSize = 50,
  ) {}

  poll = async (): Promise<number> => {
    const page = await readAllAfter(this.t.db, this.cursor, this.pageSize);
    if (page.length > 0) {
      this.seen.push(...page);
      this.cursor = LogPosition.of(page[page.length - 1]!);
    }
    return this.seen.length;
  };
}

/** Seeded so that a failing interleaving can be replayed (the seed is in the test name). */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('readAllAfter', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  // drop() lets the pool's backends leave before its FORCE drop (which would kill them mid-close).
  afterAll(() => t.drop());

  // A failed assertion must not leave a transaction open: it would hold every later reader (and the drop) back.
  let open: ControlledTransaction<EventStoreTables>[] = [];
  const track = (trx: ControlledTransaction<EventStoreTables>) => (open.push(trx), trx);
  afterEach(async () => {
    for (const trx of open) if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
    open = [];
  });

  const logOrder = async (): Promise<string[]> =>
    (
      await sql<{ event_id: string }>`select event_id from es_events order by transaction_id, global_position`.execute(
        t.db,
      )
    ).rows.map((r) => r.event_id);

  it('pages through the committed log in (transaction, position) order, strictly after the cursor', async () => {
    const from = await lastPosition(t);
    for (let i = 0; i < 4; i++) await appendToStream(t.db, uniqueName('s'), 'Thing', 'no_stream', newEvents(3));
    const all = await waitFor(
      () => readAllAfter(t.db, from, 1000),
      (es) => es.length === 12,
    );
    const tail = new Tail(t, from, 5);
    await waitFor(tail.poll, (n) => n >= 12);
    expect(tail.seen).toEqual(all);
    expect(await readAllAfter(t.db, LogPosition.of(all[11]!), 10)).toEqual([]);
    const afterFifth = await readAllAfter(t.db, LogPosition.of(all[4]!), 3);
    expect(afterFifth.map((e) => e.eventId)).toEqual(all.slice(5, 8).map((e) => e.eventId));
  });

  it('with dataOf, loads the payloads of those types (and their former names) only; every event still comes', async () => {
    const from = await lastPosition(t);
    const stream = uniqueName('s');
    const events = [
      newEvent('Wanted', { n: 1 }),
      newEvent('Other', { big: 'x'.repeat(1000) }),
      newEvent('DocumentsSwept', { n: 2 }), // the former name of RecordsSwept
      newEvent('Wanted'),
    ];
    await appendToStream(t.db, stream, 'Thing', 'no_stream', events);
    const all = await waitFor(
      () => readAllAfter(t.db, from, 10),
      (es) => es.length === 4,
    );
    const some = await readAllAfter(t.db, from, 10, { dataOf: new Set(['Wanted', 'RecordsSwept']) });
    expect(some).toEqual([all[0], { ...all[1], data: null }, all[2], all[3]]);
    const none = await readAllAfter(t.db, from, 10, { dataOf: new Set() });
    expect(none.map((e) => e.data)).toEqual([null, null, null, null]);
  });

  it('readAllAfterAsText: the same events, each payload as the JSON text Postgres stores (lz4-compressed)', async () => {
    const from = await lastPosition(t);
    const page = { records: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `record ${i}`.repeat(40) })) };
    await appendToStream(t.db, uniqueName('s'), 'Thing', 'no_stream', [newEvent('Page', page), newEvent('Small')]);
    const parsed = await waitFor(
      () => readAllAfter(t.db, from, 10),
      (es) => es.length === 2,
    );
    const text = await readAllAfterAsText(t.db, from, 10);
    expect(text.map(({ dataJson, ...e }) => ({ ...e, data: JSON.parse(dataJson) as unknown }))).toEqual(parsed);
    const { rows } = await sql<{ method: string | null }>`
      select pg_column_compression(data) as method from es_events where event_id = ${parsed[0]!.eventId}`.execute(t.db);
    expect(rows[0]!.method).toBe('lz4');
  });

  it('does not show a later commit while an earlier transaction is open, then shows both in order once', async () => {
    const tail = new Tail(t, await lastPosition(t));
    const a = track(await t.db.startTransaction().execute());
    const ra = await appendToStream(a, uniqueName('a'), 'Thing', 'no_stream', newEvents(2));
    const rb = await t.db
      .transaction()
      .execute((b) => appendToStream(b, uniqueName('b'), 'Thing', 'no_stream', newEvents(2)));
    if (!ra.ok || !rb.ok) throw new Error('setup appends failed');
    expect(BigInt(ra.events[0]!.transactionId)).toBeLessThan(BigInt(rb.events[0]!.transactionId));

    // B is committed and readable by stream, yet the tail must not move past A's still-open transaction.
    expect(await readStream(t.db, rb.events[0]!.streamId)).toHaveLength(2);
    for (let i = 0; i < 5; i++) expect(await tail.poll()).toBe(0);

    await a.commit().execute();
    await waitFor(tail.poll, (n) => n >= 4);
    expect(await tail.poll()).toBe(4);
    expect(tail.seen.map((e) => e.eventId)).toEqual([...ra.events, ...rb.events].map((e) => e.eventId));
  });

  it.each([11, 29, 4242])(
    'a tailing reader sees every committed event exactly once, in final log order (seed %i)',
    async (seed) => {
      const rnd = prng(seed);
      const tail = new Tail(t, await lastPosition(t), 7);
      const committed: string[] = [];
      const commits: bigint[] = [];

      // One writer opens its transaction first and commits last, so at least one commit is out of txid order.
      const slow = track(await t.db.startTransaction().execute());
      const rs = await appendToStream(slow, uniqueName('slow'), 'Thing', 'no_stream', newEvents(2));
      if (!rs.ok) throw new Error('setup append failed');

      const writer = async (w: number): Promise<void> => {
        const streamId = uniqueName(`w${w}`);
        for (let i = 0; i < 6; i++) {
          const trx = track(await t.db.startTransaction().execute());
          const shared = rnd() < 0.3;
          const r = await appendToStream(
            trx,
            shared ? `shared-${seed}` : streamId,
            'Thing',
            'any',
            newEvents(1 + Math.floor(rnd() * 3)),
          );
          await pause(Math.floor(rnd() * 25));
          if (rnd() < 0.15 || !r.ok) {
            await trx.rollback().execute();
            continue;
          }
          await trx.commit().execute();
          committed.push(...r.events.map((e) => e.eventId));
          commits.push(BigInt(r.events[0]!.transactionId));
        }
      };
      let writersDone = false;
      const writing = Promise.all([0, 1, 2, 3].map(writer)).then(async () => {
        await slow.commit().execute();
        committed.push(...rs.events.map((e) => e.eventId));
        commits.push(BigInt(rs.events[0]!.transactionId));
        writersDone = true;
      });
      await waitFor(tail.poll, (n) => writersDone && n >= committed.length, { intervalMs: 3, timeoutMs: 30_000 });
      await writing;

      expect(commits.some((tx, i) => commits.slice(i + 1).some((later) => later < tx))).toBe(true);
      const seenIds = tail.seen.map((e) => e.eventId);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      expect([...seenIds].sort()).toEqual([...committed].sort());
      const finalOrder = (await logOrder()).filter((id) => committed.includes(id));
      expect(seenIds).toEqual(finalOrder);
    },
  );
});

const lastPosition = async (t: TestDatabase<EventStoreTables>): Promise<LogPosition> => {
  const { rows } = await sql<{ tx: string; pos: string }>`
    select transaction_id::text as tx, global_position as pos from es_events
    order by transaction_id desc, global_position desc limit 1`.execute(t.db);
  return rows[0] ? { txId: BigInt(rows[0].tx), position: BigInt(rows[0].pos) } : LogPosition.start;
};
