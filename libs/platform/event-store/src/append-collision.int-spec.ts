import { sql, type Transaction } from 'kysely';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { appendToStream } from './append-to-stream';
import { newEvent, newEvents } from './event-fixtures';
import { readStream } from './read-stream';
import type { EventStoreTables } from './schema/event-store.tables';

/**
 * Two transactions appending some of the same event ids at once (a consumer's redelivery racing the delivery it
 * repeats): the loser waits on the event-id key until the winner commits. Inside a transaction that collision
 * used to abort the caller's transaction (the 23505 cannot be caught there); now it is answered as a value and the
 * caller's transaction carries on.
 */
describe('appendToStream: event ids colliding with a concurrent transaction', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase({ max: 6 });
  });
  // drop() lets the pool's backends leave before its FORCE drop (which would kill them mid-close).
  afterAll(() => t.drop());

  const waitingOnLock = async (): Promise<boolean> => {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(
      t.db,
    );
    return Number(rows[0]!.n) > 0;
  };

  /** Runs `loser` in its own transaction while `winner`'s transaction holds the ids, then lets the winner commit. */
  const race = async <T>(
    winner: (trx: Transaction<EventStoreTables>) => Promise<unknown>,
    loser: (trx: Transaction<EventStoreTables>) => Promise<T>,
  ): Promise<T> => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let winnerWrote!: () => void;
    const wrote = new Promise<void>((r) => (winnerWrote = r));
    const first = t.db.transaction().execute(async (trx) => {
      await winner(trx);
      winnerWrote();
      await held;
    });
    await wrote;
    const second = t.db.transaction().execute(loser);
    await waitFor(waitingOnLock, (w) => w, { timeoutMs: 5_000 });
    release();
    await first;
    return second;
  };

  it('a batch that partly repeats ids a concurrent transaction commits is a value; the caller goes on', async () => {
    const [a, b, c] = [newEvent(), newEvent(), newEvent()];
    const winnerStream = uniqueName('stream');
    const loserStream = uniqueName('stream');
    const after = newEvent();
    const outcome = await race(
      (trx) => appendToStream(trx, winnerStream, 'Thing', 'no_stream', [a, b]),
      async (trx) => {
        const r = await appendToStream(trx, loserStream, 'Thing', 'no_stream', [b, c]);
        // The transaction is still usable: the caller can write something else and commit.
        const next = await appendToStream(trx, loserStream, 'Thing', 'no_stream', [after]);
        return { r, next };
      },
    );
    expect(outcome.r).toMatchObject({ ok: false, reason: 'duplicate_event_ids', eventIds: [b.eventId] });
    expect(outcome.next).toMatchObject({ ok: true, nextVersion: 1 });
    expect((await readStream(t.db, winnerStream)).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
    expect((await readStream(t.db, loserStream)).map((e) => e.eventId)).toEqual([after.eventId]);
  });

  it('a batch whose ids a concurrent transaction commits to the same stream is the idempotent repeat', async () => {
    const id = uniqueName('stream');
    await appendToStream(t.db, id, 'Thing', 'no_stream', [newEvent()]);
    const events = newEvents(2);
    const outcome = await race(
      (trx) => appendToStream(trx, id, 'Thing', 'any', events),
      (trx) => appendToStream(trx, id, 'Thing', 'stream_exists', events),
    );
    expect(outcome).toMatchObject({ ok: true, idempotent: true, nextVersion: 3 });
    expect((await readStream(t.db, id)).map((e) => e.streamPosition)).toEqual([1, 2, 3]);
  });
});
