import type { SimulatorPlugin } from '@sf/clio-simulator';
import { createDocument } from '@sf/clio-simulator';
import { mirrorEntries } from '@sf/clio-mirror';
import type { RecordedEvent } from '@sf/contracts';
import { SyncHarness } from './testing/sync-harness';

type Swept = {
  matterId?: string;
  entityType?: string;
  softDeletedIds: string[];
  restoredIds: string[];
  heldForReview: boolean;
  heldIds?: string[];
};

describe('clio-fetcher: mark-and-sweep of documents', () => {
  let h: SyncHarness;
  /** Runs inside the simulator when it serves the n-th follow-up page (page_token) of a documents listing. */
  let onDocumentsPage: ((n: number) => void) | null = null;
  const hook: SimulatorPlugin = (sim) => {
    const inner = sim.pipeline.get('requestLog');
    let n = 0;
    sim.pipeline.register('requestLog', async (ctx, next) => {
      if (onDocumentsPage && ctx.path === '/api/v4/documents.json' && ctx.query.has('page_token')) onDocumentsPage(++n);
      await inner(ctx, next);
    });
  };

  beforeAll(async () => {
    h = await SyncHarness.start({ sim: { plugins: [hook] } });
    await h.startFetcher();
    const first = await h.requestSync({ trigger: 'first_login' });
    expect((await h.waitForJob(first)).type).toBe('SyncJobCompleted');
  });
  afterAll(() => h.close());

  const liveDocs = () => h.sim.store.groundTruth().records.documents.map((r) => String(r.id));
  const sweptOf = (events: RecordedEvent[]): Swept[] =>
    events.filter((e) => e.type === 'RecordsSwept').map((e) => e.data as Swept);
  const docsByMatter = (): Map<number, number[]> => {
    const m = new Map<number, number[]>();
    for (const d of h.sim.store.table('documents').ascending()) {
      if (d.deleted_at === null && d.matter_id !== null) m.set(d.matter_id, [...(m.get(d.matter_id) ?? []), d.id]);
    }
    return m;
  };
  const syncDocs = async (o: Parameters<SyncHarness['requestSync']>[0]): Promise<RecordedEvent[]> => {
    const jobId = await h.requestSync(o);
    expect((await h.waitForJob(jobId, o?.scope)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(jobId);
    return h.jobEvents(jobId);
  };

  it('never deletes a record that still exists when Clio changes during the listing, and converges on the next sync', async () => {
    const ids = liveDocs().map(Number);
    const listedEarlier = ids.slice(100, 105);
    const notYetListed = ids.slice(ids.length - 105, ids.length - 100);
    const folder = h.sim.store.get('documents', ids[0]!)!.parent_id;
    const created: number[] = [];
    onDocumentsPage = (n) => {
      if (n !== 4) return;
      for (const id of [...listedEarlier, ...notYetListed]) h.sim.store.delete('documents', id);
      for (let i = 0; i < 3; i++) {
        created.push(
          createDocument(h.sim.store, {
            name: `new-${i}.pdf`,
            parentId: folder,
            version: { filename: `new-${i}.pdf`, contentType: 'application/pdf', size: 10 },
          }).document.id,
        );
      }
    };
    const events = await syncDocs({ trigger: 'maintenance', entityTypes: ['documents'] });
    onDocumentsPage = null;

    const swept = sweptOf(events);
    expect(swept).toHaveLength(1);
    expect(swept[0]!.heldForReview).toBe(false);
    expect(swept[0]!.softDeletedIds.map(Number).sort((a, b) => a - b)).toEqual(notYetListed);
    const mirror = await mirrorEntries(h.t.db, 'documents', h.firmId);
    const live = new Set(liveDocs());
    // No false delete: every soft-deleted mirror row is gone from (or trashed in) Clio.
    expect(mirror.filter((r) => r.isSoftDeleted && live.has(r.id))).toEqual([]);
    // Created during the listing: listed, live. Trashed behind the cursor: not seen yet (the next sync's job).
    const mirrored = new Map(mirror.map((r) => [Number(r.id), r.isSoftDeleted]));
    expect(created.map((id) => mirrored.get(id))).toEqual([false, false, false]);
    expect(listedEarlier.map((id) => mirrored.get(id))).toEqual([false, false, false, false, false]);

    // Restored in Clio (taken out of the trash): the next complete listing brings it back and reports it.
    const restored = notYetListed[0]!;
    expect(h.sim.store.update('documents', restored, { deleted_at: null }).ok).toBe(true);
    const next = sweptOf(await syncDocs({ trigger: 'maintenance', entityTypes: ['documents'] }));
    expect(next.map((x) => x.restoredIds)).toEqual([[String(restored)]]);
    expect(next[0]!.softDeletedIds.map(Number).sort((a, b) => a - b)).toEqual(listedEarlier);
    expect(await h.compareMirror(['documents'])).toEqual([]);
  });

  it('keeps a document that moved to another matter: confirmed by id, mirrored under its new matter', async () => {
    const [[from, docs], [to]] = [...docsByMatter()].filter(([, d]) => d.length >= 2);
    const moved = docs![0]!;
    const target = h.sim.store.get('matters', to!)!;
    const updated = h.sim.store.update('documents', moved, { matter_id: to!, parent_id: target.folder_id! });
    expect(updated.ok).toBe(true);
    const events = await syncDocs({ scope: { kind: 'matter', matterId: String(from) } });
    const docSweep = sweptOf(events).find((s) => (s.entityType ?? 'documents') === 'documents')!;
    expect(docSweep).toMatchObject({ matterId: String(from), heldForReview: false, softDeletedIds: [] });
    const row = await h.t.db
      .selectFrom('clio_documents')
      .select(['matter_id', 'is_soft_deleted', 'etag'])
      .where('firm_id', '=', h.firmId)
      .where('id', '=', String(moved))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ matter_id: String(to), is_soft_deleted: false, etag: updated.ok ? updated.record.etag : '' });
  });

  it('holds a mass delete for review (circuit breaker): nothing is deleted, the ids are flagged', async () => {
    const [matterId, docs] = [...docsByMatter()].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(docs.length).toBeGreaterThanOrEqual(8);
    const doomed = docs.slice(0, Math.ceil(docs.length * 0.75));
    for (const id of doomed) h.sim.store.delete('documents', id);
    const events = await syncDocs({ scope: { kind: 'matter', matterId: String(matterId) } });
    const docSweep = sweptOf(events).find((s) => (s.entityType ?? 'documents') === 'documents')!;
    expect(docSweep.heldForReview).toBe(true);
    expect(docSweep.softDeletedIds).toEqual([]);
    expect(docSweep.heldIds!.map(Number).sort((a, b) => a - b)).toEqual(doomed);
    const rows = await h.t.db
      .selectFrom('clio_documents')
      .select(['id', 'is_soft_deleted'])
      .where('firm_id', '=', h.firmId)
      .where('id', 'in', docs.map(String))
      .execute();
    expect(rows).toHaveLength(docs.length);
    expect(rows.filter((r) => r.is_soft_deleted)).toEqual([]);
  });
});
