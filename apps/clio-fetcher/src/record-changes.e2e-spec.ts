import { createChangeRelay, unpublishedChanges, type ChangeRelay } from '@sf/clio-mirror';
import type { ClioRecordChangedV1 } from '@sf/contracts';
import { startChangeSubscriber, type RunningSubscriber } from '@sf/subscriber';
import { uniqueName, waitFor } from '@sf/testing';
import { SyncHarness } from './testing/sync-harness';

/** The mirror entity types a simulator resource's records land in (notes: matter or contact notes). */
const typesOf = (resource: string): string[] => (resource === 'notes' ? ['matter_notes', 'contact_notes'] : [resource]);
const key = (entityType: string, id: string | number): string => `${entityType}/${id}`;

jest.setTimeout(180_000);

describe('record changes: simulator changes → incremental sync → ClioRecordChanged at a @sf/subscriber subscriber', () => {
  let h: SyncHarness;
  let relay: ChangeRelay;
  let relayRun: Promise<void>;
  let sub: RunningSubscriber;
  const received: ClioRecordChangedV1[] = [];

  beforeAll(async () => {
    h = await SyncHarness.start();
    await h.startFetcher();
    relay = createChangeRelay({ db: h.t.db, lockUrl: h.t.url, nc: h.nc, topology: h.topology, idlePollMs: 20 });
    relayRun = relay.run();
    sub = await startChangeSubscriber({
      nc: h.nc,
      durable: uniqueName('subscriber').replace(/[^A-Za-z0-9_-]/g, '_'),
      namespace: h.topology.namespace,
      stream: h.topology.streams.changes.name,
      onChange: async (c) => {
        received.push(c);
      },
    });
  });
  afterAll(async () => {
    await sub?.stop();
    await relay?.stop();
    await relayRun?.catch(() => undefined);
    await h?.close();
  });

  /** Runs a sync to its end, waits for the mirror and for every change to reach the subscriber; returns the new. */
  const syncAndCollect = async (trigger: string): Promise<ClioRecordChangedV1[]> => {
    const before = received.length;
    const job = await h.requestSync({ trigger });
    expect((await h.waitForJob(job, { kind: 'firm' }, 150_000)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(job);
    await waitFor(
      () => unpublishedChanges(h.t.db, 1),
      (rows) => rows.length === 0,
      { timeoutMs: 60_000, description: 'the change relay to publish every change' },
    );
    const stored = await h.t.db
      .selectFrom('clio_record_changes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await waitFor(
      () => Promise.resolve(received.length),
      (n) => n >= Number(stored.n),
      { timeoutMs: 60_000, description: 'every stored change at the subscriber' },
    );
    return received.slice(before);
  };

  it('a first sync: one created change per mirrored record, from the initial sync', async () => {
    const created = await syncAndCollect('first_login');
    const mirrored = await h.t.db.selectFrom('clio_record_changes').select(['entity_type', 'record_id']).execute();
    expect(created.length).toBe(mirrored.length);
    expect(created.length).toBeGreaterThanOrEqual(h.clioRecords());
    expect(new Set(created.map((c) => c.change))).toEqual(new Set(['created']));
    expect(new Set(created.map((c) => c.source))).toEqual(new Set(['initial_sync']));
    expect(new Set(created.map((c) => c.changeId)).size).toBe(created.length);
  });

  it('changes in Clio arrive exactly once each, with the incremental sync as source; a refetch emits nothing', async () => {
    // Clio's own change feed is the truth: every record the simulator changed (side effects included: a new
    // matter's folder, a trashed folder's documents).
    const feed = new Set<string>();
    const off = h.sim.store.onChange((c) => {
      // A new document version changes its document (`latest_document_version`).
      if (c.resource === 'document_versions')
        feed.add(key('documents', (c.record as { document_id: number }).document_id));
      else typesOf(c.resource).forEach((t) => feed.add(key(t, c.id)));
    });
    const ops = h.sim.edge.activity.step(40);
    // A matter whose description changes, and a document trashed then restored before the sync sees it trashed.
    const matter = [...h.sim.store.table('matters').byId.values()][0]!;
    h.sim.store.update('matters', matter.id, { description: `${matter.description} (renamed)` });
    const doc = [...h.sim.store.table('documents').byId.values()].find(
      (d) => d.deleted_at === null && !ops.some((o) => o.resource === 'documents' && o.id === d.id),
    )!;
    h.sim.store.delete('documents', doc.id);
    off();

    const first = await syncAndCollect('manual');
    expect(new Set(first.map((c) => c.changeId)).size).toBe(first.length);
    expect(first.filter((c) => c.source !== 'incremental_sync')).toEqual([]);
    const changed = new Map<string, ClioRecordChangedV1[]>();
    for (const c of first)
      changed.set(key(c.entityType, c.recordId), [...(changed.get(key(c.entityType, c.recordId)) ?? []), c]);
    const kindsOf = (resource: string, id: number): string[] =>
      typesOf(resource).flatMap((t) => (changed.get(key(t, id)) ?? []).map((c) => c.change));
    for (const op of ops) {
      if (op.kind === 'create') expect({ op, kinds: kindsOf(op.resource, op.id) }).toEqual({ op, kinds: ['created'] });
      if (op.kind === 'delete') expect({ op, kinds: kindsOf(op.resource, op.id) }).toEqual({ op, kinds: ['deleted'] });
      if (op.kind === 'update') expect(kindsOf(op.resource, op.id).length).toBeLessThanOrEqual(1);
    }
    // Nothing Clio did not change.
    expect(first.filter((c) => !feed.has(key(c.entityType, c.recordId)))).toEqual([]);
    const renamed = changed.get(key('matters', matter.id))!;
    expect(renamed.map((c) => c.change)).toEqual(['updated']);
    expect(renamed[0]!.fields['description']).toEqual({
      old: matter.description,
      new: `${matter.description} (renamed)`,
    });
    expect(changed.get(key('documents', doc.id))!.map((c) => c.change)).toEqual(['deleted']);

    // Restored from the trash in Clio: one `restored` change. Then nothing changes: a sync emits nothing.
    h.sim.store.update('documents', doc.id, { deleted_at: null });
    const restored = await syncAndCollect('manual');
    expect(restored.map((c) => [c.entityType, c.recordId, c.change])).toEqual([
      ['documents', String(doc.id), 'restored'],
    ]);
    expect(await syncAndCollect('schedule')).toEqual([]);

    // The history says the same, in order.
    const history = await h.t.db
      .selectFrom('clio_record_changes')
      .select('change')
      .where('entity_type', '=', 'documents')
      .where('record_id', '=', String(doc.id))
      .orderBy('tx_id')
      .orderBy('global_position')
      .execute();
    expect(history.map((r) => r.change)).toEqual(['created', 'deleted', 'restored']);
    expect(await h.compareMirror()).toEqual([]);
  });
});
