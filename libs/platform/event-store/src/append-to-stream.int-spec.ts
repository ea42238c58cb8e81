import { sql } from 'kysely';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { appendToStream } from './append-to-stream';
import type { AppendResult } from './append-result';
import { newEvent, newEvents } from './event-fixtures';
import type { ExpectedVersion } from './expected-version';
import { readStream } from './read-stream';
import type { EventStoreTables } from './schema/event-store.tables';

describe('appendToStream', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase({ max: 24 });
  });
  // drop() lets the pool's backends leave before its FORCE drop (which would kill them mid-close).
  afterAll(() => t.drop());

  const stream = () => uniqueName('stream');
  const append = (id: string, expected: ExpectedVersion, n = 1) =>
    appendToStream(t.db, id, 'Thing', expected, newEvents(n));
  const countEvents = async (streamId: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from es_events where stream_id = ${streamId}`.execute(t.db))
        .rows[0]!.n,
    );

  it('appends a batch with gapless 1-based positions and returns what readStream reads back', async () => {
    const id = stream();
    const events = newEvents(3);
    const r = await appendToStream(t.db, id, 'Thing', 'no_stream', events);
    expect(r).toMatchObject({ ok: true, nextVersion: 3, idempotent: false });
    if (!r.ok) throw new Error('unreachable');
    expect(r.events.map((e) => [e.eventId, e.streamPosition])).toEqual(events.map((e, i) => [e.eventId, i + 1]));
    expect(r.events.every((e) => /^\d+$/.test(e.globalPosition) && /^\d+$/.test(e.transactionId))).toBe(true);
    expect(new Set(r.events.map((e) => e.transactionId)).size).toBe(1);
    expect(await readStream(t.db, id)).toEqual(r.events);
  });

  it('enforces an exact version and reports the actual one on conflict', async () => {
    const id = stream();
    expect(await append(id, 0, 2)).toMatchObject({ ok: true, nextVersion: 2 });
    expect(await append(id, 2)).toMatchObject({ ok: true, nextVersion: 3 });
    expect(await append(id, 2)).toEqual({ ok: false, reason: 'version_conflict', expected: 2, actual: 3 });
    expect(await append(id, 4)).toEqual({ ok: false, reason: 'version_conflict', expected: 4, actual: 3 });
    expect(await append(id, 0)).toEqual({ ok: false, reason: 'version_conflict', expected: 0, actual: 3 });
    expect(await append(stream(), 1)).toEqual({ ok: false, reason: 'version_conflict', expected: 1, actual: 0 });
    expect(await countEvents(id)).toBe(3);
  });

  it('no_stream only creates; stream_exists only extends; any does either', async () => {
    const id = stream();
    expect(await append(id, 'stream_exists')).toEqual({
      ok: false,
      reason: 'version_conflict',
      expected: 'stream_exists',
      actual: 0,
    });
    expect(await append(id, 'no_stream')).toMatchObject({ ok: true, nextVersion: 1 });
    expect(await append(id, 'no_stream')).toEqual({
      ok: false,
      reason: 'version_conflict',
      expected: 'no_stream',
      actual: 1,
    });
    expect(await append(id, 'stream_exists', 2)).toMatchObject({ ok: true, nextVersion: 3 });
    expect(await append(id, 'any')).toMatchObject({ ok: true, nextVersion: 4 });
    const other = stream();
    expect(await append(other, 'any', 2)).toMatchObject({ ok: true, nextVersion: 2 });
    expect((await readStream(t.db, other)).map((e) => e.streamPosition)).toEqual([1, 2]);
  });

  it("of 20 concurrent appends at the same version exactly one wins; the others see the winner's version", async () => {
    const id = stream();
    await append(id, 'no_stream', 2);
    const results = await Promise.all(Array.from({ length: 20 }, () => append(id, 2, 3)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(19);
    for (const r of losers) expect(r).toEqual({ ok: false, reason: 'version_conflict', expected: 2, actual: 5 });
    expect((await readStream(t.db, id)).map((e) => e.streamPosition)).toEqual([1, 2, 3, 4, 5]);
  });

  it('of 20 concurrent first appends with no_stream exactly one creates the stream', async () => {
    const id = stream();
    const batches = Array.from({ length: 20 }, () => newEvents(2));
    const results = await Promise.all(batches.map((b) => appendToStream(t.db, id, 'Thing', 'no_stream', b)));
    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toEqual({ ok: false, reason: 'version_conflict', expected: 'no_stream', actual: 2 });
    }
    expect((await readStream(t.db, id)).map((e) => e.eventId)).toEqual(batches[winners[0]!]!.map((e) => e.eventId));
  });

  it('serialises 20 concurrent appends with any into one gapless stream', async () => {
    const id = stream();
    const results = await Promise.all(Array.from({ length: 20 }, () => append(id, 'any', 2)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await readStream(t.db, id)).map((e) => e.streamPosition)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('is idempotent by event id: a repeat returns the original result, even after the stream moved on', async () => {
    const id = stream();
    const events = newEvents(3);
    const first = await appendToStream(t.db, id, 'Thing', 'no_stream', events);
    const again = await appendToStream(t.db, id, 'Thing', 'no_stream', events);
    expect(again).toEqual({ ...first, idempotent: true });
    await append(id, 3, 2);
    expect(await appendToStream(t.db, id, 'Thing', 3, events)).toEqual({ ...first, idempotent: true });
    expect(await appendToStream(t.db, id, 'Thing', 'any', events)).toEqual({ ...first, idempotent: true });
    expect(await appendToStream(t.db, id, 'Thing', 'stream_exists', events)).toEqual({ ...first, idempotent: true });
    expect(await countEvents(id)).toBe(5);
  });

  it('writes nothing and names the stored ids when a batch only partly repeats stored events', async () => {
    const id = stream();
    const stored = newEvents(2);
    await appendToStream(t.db, id, 'Thing', 'no_stream', stored);
    const mixed = [stored[1]!, newEvent()];
    for (const expected of [2, 'any', 'stream_exists'] as const) {
      expect(await appendToStream(t.db, id, 'Thing', expected, mixed)).toEqual({
        ok: false,
        reason: 'duplicate_event_ids',
        expected,
        actual: 2,
        eventIds: [stored[1]!.eventId],
      });
    }
    expect(await appendToStream(t.db, stream(), 'Thing', 'no_stream', stored)).toMatchObject({
      ok: false,
      reason: 'duplicate_event_ids',
      actual: 0,
    });
    expect(await countEvents(id)).toBe(2);
    expect((await readStream(t.db, id)).map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId));
  });

  it('answers repeats and overlaps inside a transaction without aborting it', async () => {
    const id = stream();
    const stored = newEvents(2);
    const first = await appendToStream(t.db, id, 'Thing', 'no_stream', stored);
    const extra = newEvent();
    const results = await t.db
      .transaction()
      .execute(async (trx) => [
        await appendToStream(trx, id, 'Thing', 'any', stored),
        await appendToStream(trx, id, 'Thing', 2, [stored[0]!, extra]),
        await appendToStream(trx, id, 'Thing', 2, [extra]),
      ]);
    expect(results[0]).toEqual({ ...first, idempotent: true });
    expect(results[1]).toMatchObject({ ok: false, reason: 'duplicate_event_ids', eventIds: [stored[0]!.eventId] });
    expect(results[2]).toMatchObject({ ok: true, nextVersion: 3 });
    expect(await countEvents(id)).toBe(3);
  });

  it('stores one copy when the same events race in under any (the losers get the idempotent answer)', async () => {
    const id = stream();
    await append(id, 'no_stream');
    const events = newEvents(2);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => appendToStream(t.db, id, 'Thing', 'any', events)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.idempotent)).toHaveLength(1);
    expect(new Set(results.map((r) => (r.ok ? r.nextVersion : -1)))).toEqual(new Set([3]));
    expect(await countEvents(id)).toBe(3);
  });

  it("appends inside the caller's transaction: visible on commit, gone on rollback", async () => {
    const id = stream();
    await expect(
      t.db.transaction().execute(async (trx) => {
        expect(await appendToStream(trx, id, 'Thing', 'no_stream', newEvents(2))).toMatchObject({ ok: true });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await readStream(t.db, id)).toEqual([]);
    const r = await t.db.transaction().execute((trx) => appendToStream(trx, id, 'Thing', 'no_stream', newEvents(2)));
    expect(r).toMatchObject({ ok: true, nextVersion: 2 });
    expect(await countEvents(id)).toBe(2);
  });

  it('an empty append writes nothing and only checks the expectation', async () => {
    const id = stream();
    expect(await appendToStream(t.db, id, 'Thing', 'no_stream', [])).toEqual({
      ok: true,
      nextVersion: 0,
      events: [],
      idempotent: false,
    });
    await append(id, 'no_stream');
    expect(await appendToStream(t.db, id, 'Thing', 1, [])).toEqual({
      ok: true,
      nextVersion: 1,
      events: [],
      idempotent: false,
    });
    expect(await appendToStream(t.db, id, 'Thing', 'no_stream', [])).toMatchObject({ ok: false, actual: 1 });
  });

  it('throws on caller bugs: a bad expected version or an id repeated within the call', async () => {
    await expect(append(stream(), -1)).rejects.toThrow(RangeError);
    await expect(append(stream(), 1.5)).rejects.toThrow(RangeError);
    const e = newEvent();
    await expect(appendToStream(t.db, stream(), 'Thing', 'any', [e, e])).rejects.toThrow(/repeats an event id/);
  });

  it('readStream starts at fromPosition and honours limit', async () => {
    const id = stream();
    await append(id, 'no_stream', 5);
    expect((await readStream(t.db, id, { fromPosition: 3 })).map((e) => e.streamPosition)).toEqual([3, 4, 5]);
    expect((await readStream(t.db, id, { fromPosition: 2, limit: 2 })).map((e) => e.streamPosition)).toEqual([2, 3]);
    expect(await readStream(t.db, id, { fromPosition: 6 })).toEqual([]);
  });

  it('keeps the data and metadata it was given', async () => {
    const id = stream();
    const e = newEvent('Odd', { text: 'quote " backslash \\ brace { comma , unicode é', list: [1, null, 'x'], n: 1.5 });
    const r: AppendResult = await appendToStream(t.db, id, 'Thing', 'no_stream', [e]);
    expect(r.ok && r.events[0]).toMatchObject({ data: e.data, metadata: e.metadata, type: 'Odd', version: 1 });
    expect((await readStream(t.db, id))[0]).toMatchObject({ eventId: e.eventId, data: e.data, metadata: e.metadata });
    const traced = {
      ...newEvent(),
      metadata: {
        ...newEvent().metadata,
        causationId: e.eventId,
        trace: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` },
      },
    };
    const scalars = [
      newEvent('S', 'just text'),
      newEvent('N', 42),
      newEvent('A', [1, { b: 2 }]),
      newEvent('Z', null),
      traced,
    ];
    await appendToStream(t.db, id, 'Thing', 1, scalars);
    expect((await readStream(t.db, id, { fromPosition: 2 })).map((r) => [r.data, r.metadata])).toEqual(
      scalars.map((x) => [x.data, x.metadata]),
    );
  });
});
