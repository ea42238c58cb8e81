import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { appendToStream } from './append-to-stream';
import { newEvent } from './event-fixtures';
import { readStream } from './read-stream';
import { streamVersion } from './stream-version';
import type { EventStoreTables } from './schema/event-store.tables';

describe('readStream and streamVersion', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase({ max: 4 });
  });
  afterAll(() => t.drop());

  const seed = async (): Promise<string> => {
    const id = uniqueName('stream');
    const r = await appendToStream(t.db, id, 'Thing', 'no_stream', [
      newEvent('Opened', { jobId: 'j1' }),
      newEvent('Page', { jobId: 'j1', entityType: 'matters', records: [{ id: 1 }, { id: 2 }] }),
      newEvent('Page', { jobId: 'j1', entityType: 'contacts', records: [{ id: 3 }] }),
      newEvent('Closed', { jobId: 'j1' }),
    ]);
    if (!r.ok) throw new Error('seed append failed');
    return id;
  };

  it('reports a stream version without writing, 0 for a missing stream', async () => {
    const id = await seed();
    expect(await streamVersion(t.db, id)).toBe(4);
    expect(await streamVersion(t.db, uniqueName('missing'))).toBe(0);
    expect(await t.db.transaction().execute((trx) => streamVersion(trx, id, { forUpdate: true }))).toBe(4);
  });

  it('reads from a position, up to a limit, only the types asked for', async () => {
    const id = await seed();
    expect((await readStream(t.db, id, { fromPosition: 4, limit: 1 })).map((e) => e.type)).toEqual(['Closed']);
    expect((await readStream(t.db, id, { fromPosition: 2, limit: 2 })).map((e) => e.streamPosition)).toEqual([2, 3]);
    expect((await readStream(t.db, id, { types: ['Opened', 'Closed'] })).map((e) => e.streamPosition)).toEqual([1, 4]);
    expect(await readStream(t.db, id, { types: [] })).toEqual([]);
  });

  it('keeps only the named data keys of the named types, and the rest of the event as stored', async () => {
    const id = await seed();
    const full = await readStream(t.db, id);
    const slim = await readStream(t.db, id, { dataKeys: { Page: ['jobId', 'entityType'] } });
    expect(slim.map((e) => e.data)).toEqual([
      { jobId: 'j1' },
      { jobId: 'j1', entityType: 'matters' },
      { jobId: 'j1', entityType: 'contacts' },
      { jobId: 'j1' },
    ]);
    expect(slim.map(({ data: _d, ...rest }) => rest)).toEqual(full.map(({ data: _d, ...rest }) => rest));
  });

  it('reads an empty object for a type named with no key', async () => {
    const id = await seed();
    const none = await readStream(t.db, id, { dataKeys: { Page: [] } });
    expect(none.map((e) => e.data)).toEqual([{ jobId: 'j1' }, {}, {}, { jobId: 'j1' }]);
  });
});
