import { sql } from 'kysely';
import { addDocumentVersion } from '@sf/clio-simulator';
import {
  DETAIL_TABLES,
  MATTER_SCOPE_ENTITY_TYPES,
  clioMirrorProjection,
  mirrorEntries,
  type ClioEntityType,
} from '@sf/clio-mirror';
import type { SyncMode } from '@sf/contracts';
import { rebuildProjection } from '@sf/projections';
import { SyncHarness } from './testing/sync-harness';

// The mirror's detail tables and new entity types against the simulator's ground truth (compareMirror compares
// every detail table and typed field), activity amounts under Clio's visibility redaction, and matter-scoped syncs
// that cover every type of a matter and are incremental once the matter has synced.

const COUNTS = {
  users: 5,
  contacts: 150,
  matters: 40,
  documents: 200,
  activities: 400,
  calendar_entries: 80,
  tasks: 60,
};

const sync = async (h: SyncHarness, o: Parameters<SyncHarness['requestSync']>[0]) => {
  const jobId = await h.requestSync(o);
  expect((await h.waitForJob(jobId, o?.scope)).type).toBe('SyncJobCompleted');
  await h.mirrorCaughtUp(jobId);
  return h.jobEvents(jobId);
};

describe('clio-fetcher: detail tables, with activity amounts redacted by the viewer visibility', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start({
      sim: { counts: COUNTS, activityVisibility: { rate: 'limited', hours: 'limited', viewerUserId: 1 } },
    });
    await h.startFetcher();
  });
  afterAll(() => h.close());

  const count = async (table: string, where = 'true'): Promise<number> => {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}
      where firm_id = ${h.firmId} and ${sql.raw(where)}`.execute(h.t.db);
    return Number(rows[0]!.n);
  };

  it('mirrors every detail table exactly, keeps hidden amounts null and flagged (never 0), and rebuilds to the same', async () => {
    await sync(h, { trigger: 'first_login' });
    expect(await h.compareMirror()).toEqual([]);
    // Not vacuous: every detail table holds rows, and every custom field type has its typed column.
    for (const t of DETAIL_TABLES) expect({ t, rows: (await count(t)) > 0 }).toEqual({ t, rows: true });
    const { rows: types } = await sql<{ field_type: string; typed: boolean }>`
      select field_type, bool_and(coalesce(value_text, value_number::text, value_date::text, value_time::text,
        value_boolean::text, picklist_option_id, contact_id, matter_id) is not null) as typed
      from clio_custom_field_values where firm_id = ${h.firmId} group by field_type order by field_type`.execute(
      h.t.db,
    );
    expect(types).toEqual(
      [
        'checkbox',
        'contact',
        'currency',
        'date',
        'email',
        'matter',
        'numeric',
        'picklist',
        'text_area',
        'text_line',
        'time',
        'url',
      ].map((field_type) => ({ field_type, typed: true })),
    );
    const hidden = await count('clio_activity_amounts', 'amounts_redacted');
    expect(hidden).toBeGreaterThan(0);
    expect(await count('clio_activity_amounts', 'amounts_redacted and (price is not null or total is not null)')).toBe(
      0,
    );
    expect(await count('clio_activity_amounts', 'quantity_redacted and quantity is not null')).toBe(0);
    expect(await count('clio_activity_amounts', 'not amounts_redacted')).toBeGreaterThan(0);
    expect(await count('clio_document_versions', 'is_latest')).toBe(
      await count('clio_documents', 'not is_soft_deleted'),
    );

    const calls = h.apiCalls();
    await rebuildProjection(h.t.db, clioMirrorProjection);
    expect(await h.compareMirror()).toEqual([]);
    expect(await count('clio_activity_amounts', 'amounts_redacted')).toBe(hidden);
    expect(h.apiCalls()).toBe(calls);
  });

  it('keeps every version it has seen as latest, with the current one marked', async () => {
    const doc = h.sim.store.table('documents').ascending().next().value!;
    const before = doc.latest_version_id;
    const v = addDocumentVersion(h.sim.store, doc.id, {
      filename: doc.filename,
      contentType: doc.content_type,
      size: 42,
    });
    await sync(h, { trigger: 'manual', entityTypes: ['documents'] });
    const rows = await h.t.db
      .selectFrom('clio_document_versions')
      .select(['id', 'is_latest', 'size'])
      .where('firm_id', '=', h.firmId)
      .where('document_id', '=', String(doc.id))
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({ id: String(before), is_latest: false }),
      { id: String(v!.id), is_latest: true, size: '42' },
    ]);
    expect(await h.compareMirror()).toEqual([]);
  });
});

describe('clio-fetcher: matter-scoped sync of every type of a matter', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start({ sim: { counts: COUNTS } });
    await h.startFetcher();
  });
  afterAll(() => h.close());

  /** The busiest matter: the one with the most records across its types. */
  const busiest = (): number => {
    const n = new Map<number, number>();
    for (const r of [...h.sim.store.table('documents').ascending(), ...h.sim.store.table('activities').ascending()])
      if (r.matter_id !== null) n.set(r.matter_id, (n.get(r.matter_id) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1])[0]![0];
  };

  /** Live records of the matter in Clio, by entity type (id → etag). */
  const truthOfMatter = (e: ClioEntityType, matterId: number): string[] => {
    const s = h.sim.store;
    const rows: Array<{ id: number; etag: string }> =
      e === 'matters'
        ? [s.get('matters', matterId)!]
        : e === 'matter_notes'
          ? [...s.table('notes').ascending()].filter((n) => n.type === 'Matter' && n.matter_id === matterId)
          : [...s.table(e as 'tasks').ascending()].filter(
              (r) => r.matter_id === matterId && (r as { deleted_at?: number | null }).deleted_at == null,
            );
    return rows.map((r) => `${r.id} ${r.etag}`).sort();
  };
  const mirrorOfMatter = async (e: ClioEntityType, matterId: number): Promise<string[]> => {
    const rows = await h.t.db
      .selectFrom(`clio_${e}` as 'clio_tasks')
      .select(['id', 'etag'])
      .where('firm_id', '=', h.firmId)
      .where('matter_id', '=', String(matterId))
      .where('is_soft_deleted', '=', false)
      .execute();
    return rows.map((r) => `${r.id} ${r.etag}`).sort();
  };
  const modes = (events: Awaited<ReturnType<typeof sync>>): Record<string, SyncMode> =>
    Object.fromEntries(
      events
        .filter((e) => e.type === 'SyncProgressed')
        .map((e) => e.data as { entityType: string; mode: SyncMode })
        .map((d) => [d.entityType, d.mode]),
    );

  it('lists the matter and every type that belongs to it; then, after changes inside it, only what changed', async () => {
    const m = busiest();
    const scope = { kind: 'matter' as const, matterId: String(m) };
    const first = await sync(h, { scope, trigger: 'webhook' });
    expect(new Set(Object.values(modes(first)))).toEqual(new Set(['full']));
    expect(Object.keys(modes(first)).sort()).toEqual([...MATTER_SCOPE_ENTITY_TYPES].sort());
    for (const e of MATTER_SCOPE_ENTITY_TYPES) {
      expect({ e, rows: await mirrorOfMatter(e, m) }).toEqual({ e, rows: truthOfMatter(e, m) });
    }
    // Nothing outside the matter was listed.
    expect((await mirrorEntries(h.t.db, 'contacts', h.firmId)).length).toBe(0);

    // The whole firm, then changes inside the matter only: the matter's next sync is incremental and exact.
    await sync(h, { trigger: 'first_login' });
    expect(await h.compareMirror()).toEqual([]);
    const s = h.sim.store;
    const matter = s.get('matters', m)!;
    const text = matter.custom_field_values.findIndex(
      (v) => s.get('custom_fields', v.custom_field_id)?.field_type === 'text_line',
    );
    const values = [...matter.custom_field_values];
    if (text >= 0) values[text] = { ...values[text]!, value: 'changed in Clio' };
    s.update('matters', m, { custom_field_values: values, status: 'Closed', close_date: '2026-12-01' });
    s.create('notes', {
      type: 'Matter',
      subject: 'New',
      detail: 'x',
      detail_text_type: 'plain_text',
      date: '2026-12-01',
      matter_id: m,
      contact_id: null,
      author_id: 1,
    });
    s.create('relationships', { matter_id: m, contact_id: 2, description: 'Expert' });
    const doc = [...s.table('documents').ascending()].find((d) => d.matter_id === m && d.deleted_at === null)!;
    addDocumentVersion(s, doc.id, { filename: doc.filename, contentType: doc.content_type, size: 7 });
    const task = [...s.table('tasks').ascending()].find((t) => t.matter_id === m);
    if (task) s.delete('tasks', task.id);
    h.pages.clear();

    const again = await sync(h, { scope, trigger: 'webhook' });
    expect(new Set(Object.values(modes(again)))).toEqual(new Set(['incremental']));
    expect(await h.compareMirror()).toEqual([]);
    // One listing page and one count per type, plus the confirmation of a deleted task's matter ids.
    const calls = h.apiCalls();
    console.log(`matter-scoped incremental sync: ${calls} API calls for ${MATTER_SCOPE_ENTITY_TYPES.length} types`);
    expect(calls).toBeLessThanOrEqual(MATTER_SCOPE_ENTITY_TYPES.length * 2 + 2);

    await rebuildProjection(h.t.db, clioMirrorProjection);
    expect(await h.compareMirror()).toEqual([]);
  });
});
