import { ManualClock } from '../clock';
import type { SimTestKit } from '../testing/sim-test-kit';
import { listBody, startSimTestKit } from '../testing/sim-test-kit';
import { isoTime } from '../models/model';

/** Every id of a list query, following `next`. */
const allIds = async (kit: SimTestKit, path: string): Promise<number[]> => {
  const ids: number[] = [];
  let res = await kit.get(path);
  for (;;) {
    expect(res.status).toBe(200);
    const body = listBody(res);
    ids.push(...body.data.map((r) => Number(r.id)));
    if (!body.meta.paging.next) return ids;
    res = await kit.getUrl(body.meta.paging.next);
  }
};

describe('list filters', () => {
  let kit: SimTestKit;
  const clock = new ManualClock(Date.UTC(2025, 0, 10));
  beforeAll(async () => {
    kit = await startSimTestKit({ clock });
  });
  afterAll(() => kit.close());
  const store = () => kit.sim.store;

  it('updated_since and created_since are inclusive and see new writes', async () => {
    const matters = [...store().table('matters').ascending()];
    const pivot = matters[10].updated_at;
    const expected = matters.filter((m) => m.updated_at >= pivot).map((m) => m.id);
    expect(await allIds(kit, `/matters.json?updated_since=${encodeURIComponent(isoTime(pivot)!)}`)).toEqual(expected);

    const before = clock.now();
    const touched = store().update('matters', matters[0].id, { description: 'touched' });
    expect(touched.ok).toBe(true);
    const ids = await allIds(kit, `/matters.json?updated_since=${encodeURIComponent(new Date(before).toISOString())}`);
    expect(ids).toEqual([matters[0].id]);

    const created = [...store().table('contacts').ascending()];
    const cPivot = created[20].created_at;
    expect(await allIds(kit, `/contacts.json?created_since=${encodeURIComponent(isoTime(cPivot)!)}`)).toEqual(
      created.filter((c) => c.created_at >= cPivot).map((c) => c.id),
    );
  });

  it('rejects a malformed timestamp with 400 and tolerates an unencoded + offset', async () => {
    expect((await kit.get('/matters.json?updated_since=yesterday')).status).toBe(400);
    expect((await kit.get('/matters.json?updated_since=2020-01-01T00:00:00+00:00')).status).toBe(200);
  });

  it('ids[] returns just those records', async () => {
    expect(await allIds(kit, '/tasks.json?ids[]=3&ids[]=5&ids[]=999')).toEqual([3, 5]);
    expect(await allIds(kit, '/calendar_entries.json?ids[]=2')).toEqual([2]);
  });

  it('matter_id filters documents, tasks, activities and calendar entries', async () => {
    const doc = [...store().table('documents').ascending()][0];
    const m = doc.matter_id!;
    for (const [path, resource] of [
      ['documents', 'documents'],
      ['tasks', 'tasks'],
      ['activities', 'activities'],
      ['calendar_entries', 'calendar_entries'],
    ] as const) {
      const expected = [...store().table(resource).ascending()]
        .filter((r) => r.matter_id === m && !('deleted_at' in r && r.deleted_at !== null))
        .map((r) => r.id);
      expect(await allIds(kit, `/${path}.json?matter_id=${m}`)).toEqual(expected);
    }
  });

  it('parent_id with scope children vs descendants', async () => {
    const matter = [...store().table('matters').ascending()].find((x) =>
      [...store().table('folders').ascending()].some(
        (f) => f.parent_id !== null && store().get('folders', f.parent_id)?.matter_id === x.id,
      ),
    )!;
    const top = matter.folder_id!;
    const folders = [...store().table('folders').ascending()];
    const under = new Set([top, ...folders.filter((f) => f.matter_id === matter.id).map((f) => f.id)]);
    const docs = [...store().table('documents').ascending()];
    expect(await allIds(kit, `/documents.json?parent_id=${top}`)).toEqual(
      docs.filter((d) => d.parent_id === top).map((d) => d.id),
    );
    expect(await allIds(kit, `/documents.json?parent_id=${top}&scope=descendants`)).toEqual(
      docs.filter((d) => under.has(d.parent_id)).map((d) => d.id),
    );
    expect(await allIds(kit, `/folders.json?parent_id=${top}`)).toEqual(
      folders.filter((f) => f.parent_id === top).map((f) => f.id),
    );
    expect((await kit.get(`/documents.json?parent_id=${top}&scope=everything`)).status).toBe(400);
  });

  it('folders/list shows the root folder children by default, mixing folders and documents', async () => {
    const res = listBody(await kit.get('/folders/list.json?fields=id,type,parent{id}&limit=200'));
    const root = [...store().table('folders').ascending()].find((f) => f.root)!;
    expect(res.data.length).toBeGreaterThan(0);
    expect(res.data.every((r) => (r.parent as { id: number }).id === root.id)).toBe(true);
    const sub = store().get('matters', 1)!.folder_id!;
    const items = listBody(await kit.get(`/folders/list.json?parent_id=${sub}&fields=id,type`)).data;
    const ids = items.map((i) => i.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(items.length).toBe(
      [...store().table('folders').ascending()].filter((f) => f.parent_id === sub).length +
        [...store().table('documents').ascending()].filter((d) => d.parent_id === sub).length,
    );
  });

  it('include_deleted shows trashed documents with deleted_at', async () => {
    const doc = [...store().table('documents').ascending()][3];
    store().delete('documents', doc.id);
    const plain = await allIds(kit, `/documents.json?matter_id=${doc.matter_id}`);
    expect(plain).not.toContain(doc.id);
    const withTrash = listBody(
      await kit.get(`/documents.json?matter_id=${doc.matter_id}&include_deleted=true&fields=id,deleted_at`),
    );
    const row = withTrash.data.find((r) => r.id === doc.id);
    expect(row?.deleted_at).toBe(isoTime(clock.now() - (clock.now() % 1000)));
  });

  it('status filters matters (comma list, lowercase) and tasks', async () => {
    const matters = [...store().table('matters').ascending()];
    expect(await allIds(kit, '/matters.json?status=open,pending')).toEqual(
      matters.filter((m) => m.status !== 'Closed').map((m) => m.id),
    );
    const tasks = [...store().table('tasks').ascending()];
    expect(await allIds(kit, '/tasks.json?status=complete')).toEqual(
      tasks.filter((t) => t.status === 'complete').map((t) => t.id),
    );
    expect((await kit.get('/matters.json?status=archived')).status).toBe(400);
  });

  it('other cheap filters: contact type, activity type and user, custom field parent type', async () => {
    const companies = [...store().table('contacts').ascending()].filter((c) => c.type === 'Company').map((c) => c.id);
    expect(await allIds(kit, '/contacts.json?type=Company')).toEqual(companies);
    const acts = [...store().table('activities').ascending()];
    expect(await allIds(kit, '/activities.json?type=ExpenseEntry&user_id=2')).toEqual(
      acts.filter((a) => a.type === 'ExpenseEntry' && a.user_id === 2).map((a) => a.id),
    );
    const cfs = [...store().table('custom_fields').ascending()]
      .filter((f) => f.parent_type === 'Contact')
      .map((f) => f.id);
    expect(await allIds(kit, '/custom_fields.json?parent_type=contact')).toEqual(cfs);
  });
});
