import { CLIO_ENTITY_TYPES, mirrorTableOf, type ClioEntityType } from '@sf/clio-mirror';
import { readLoggedEvent } from '@sf/contracts';
import { SyncHarness } from './testing/sync-harness';

// Re-sync of one entity type (SyncRequested { entityTypes: [type], fullListing: true }, as decideResync asks):
// that type is listed in full and swept; every other type's bookmark and mirror rows stay as they were.

describe('clio-fetcher: re-sync of one entity type (real Postgres, NATS, simulator)', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start();
    await h.startFetcher();
  });
  afterAll(() => h.close());

  const bookmarks = () =>
    h.t.db.selectFrom('sync_bookmarks').selectAll().where('firm_id', '=', h.firmId).orderBy('entity_type').execute();
  const rows = (e: ClioEntityType) =>
    h.t.db
      .selectFrom(mirrorTableOf(e) as 'clio_documents')
      .selectAll()
      .where('firm_id', '=', h.firmId)
      .orderBy('id')
      .execute();

  it('makes contacts exact (changes and a deletion included) and leaves the other types alone', async () => {
    const first = await h.requestSync({ trigger: 'first_login' });
    expect((await h.waitForJob(first)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(first);

    // Clio changes two contacts, deletes one, and changes a matter and a task (which the re-sync must not fetch).
    const contacts = h.sim.store.groundTruth().records.contacts.map((r) => r.id);
    h.sim.store.update('contacts', contacts[0]!, {});
    h.sim.store.update('contacts', contacts[1]!, {});
    expect(h.sim.store.delete('contacts', contacts[2]!).ok).toBe(true);
    h.sim.store.update('matters', h.sim.store.groundTruth().records.matters[0]!.id, {});
    h.sim.store.update('tasks', h.sim.store.groundTruth().records.tasks[0]!.id, {});

    const others = CLIO_ENTITY_TYPES.filter((e) => e !== 'contacts');
    const before = { bookmarks: await bookmarks(), rows: await Promise.all(others.map(rows)) };
    h.pages.clear();

    const resync = await h.requestSync({ entityTypes: ['contacts'], options: { fullListing: true } });
    expect((await h.waitForJob(resync)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(resync);

    expect(await h.compareMirror(['contacts'])).toEqual([]);
    const after = { bookmarks: await bookmarks(), rows: await Promise.all(others.map(rows)) };
    expect(after.rows).toEqual(before.rows);
    expect(after.bookmarks.filter((b) => b.entity_type !== 'contacts')).toEqual(
      before.bookmarks.filter((b) => b.entity_type !== 'contacts'),
    );
    const contactsMark = (l: typeof before.bookmarks) => l.find((b) => b.entity_type === 'contacts')!;
    expect(contactsMark(after.bookmarks).job_id).toBe(resync);
    expect(contactsMark(after.bookmarks).updated_since.getTime()).toBeGreaterThan(
      contactsMark(before.bookmarks).updated_since.getTime(),
    );
    // The matter and the task changed in Clio stay stale: nothing but contacts was fetched.
    expect((await h.compareMirror(['matters', 'tasks'])).map((d) => d.entityType)).toEqual(['matters', 'tasks']);
    const paths = h.pages.entries().map((p) => p.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => /\/contacts(\.json)?$/.test(p))).toBe(true);

    // Listed in full (despite its bookmark), then swept: the deleted contact is soft-deleted.
    const events = (await h.jobEvents(resync)).map(readLoggedEvent);
    const modes = events.flatMap((e) => (e.type === 'SyncProgressed' ? [e.data.mode] : []));
    expect(new Set(modes)).toEqual(new Set(['full']));
    const swept = events.find((e) => e.type === 'RecordsSwept');
    expect(swept?.type === 'RecordsSwept' && swept.data).toMatchObject({
      entityType: 'contacts',
      softDeletedIds: [String(contacts[2])],
    });
  });
});
