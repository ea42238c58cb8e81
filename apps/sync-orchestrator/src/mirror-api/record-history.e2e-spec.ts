import { uniqueName } from '@sf/testing';
import { bearer, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { fetchPages, matterRecord, projectMirror } from '../testing/mirror-fixtures';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}
type Change = { change: string; fields: Record<string, { old: unknown; new: unknown }>; source: string };
/** The other entity types with a history, and their route. */
const OTHER_TYPES = [
  ['folders', 'folders'],
  ['documents', 'documents'],
  ['contacts', 'contacts'],
  ['calendar_entries', 'calendar-entries'],
  ['tasks', 'tasks'],
  ['activities', 'activities'],
  ['users', 'users'],
  ['custom_fields', 'custom-fields'],
] as const;

describe('record history and as_of reads (e2e: HTTP, real Postgres; history derived by the mirror projection)', () => {
  let kit: E2eKit;
  const firm = uniqueName('firm');
  const other = uniqueName('firm_other');
  const t1 = new Date(Date.UTC(2026, 10, 1, 10));
  const t2 = new Date(Date.UTC(2026, 10, 2, 10));
  const t3 = new Date(Date.UTC(2026, 10, 3, 10));

  const get = async (path: string, f = firm): Promise<Answer> => {
    const res = await fetch(`${kit.orchestrator.url}${path}`, { headers: { authorization: bearer(f) } });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  beforeAll(async () => {
    kit = await startE2eKit();
    await fetchPages(kit.t.db, firm, { matters: [matterRecord(1)] }, t1);
    const renamed = matterRecord(1, {
      etag: '"m1b"',
      description: 'Estate of Smith',
      updated_at: '2026-11-02T09:00:00Z',
    });
    await fetchPages(kit.t.db, firm, { matters: [renamed] }, t2);
    await fetchPages(kit.t.db, firm, { matters: [renamed] }, t3); // fetched again unchanged: no change
    await fetchPages(kit.t.db, other, { matters: [matterRecord(7)] }, t1);
    // One record of each other type with a history, renamed between t1 and t2.
    const version = (n: 1 | 2) => ({
      id: 50,
      etag: `"v${n}"`,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: `2026-1${n - 1}-01T00:00:00Z`,
      name: `version ${n}`,
      matter: { id: 1 },
      parent: null,
    });
    for (const [n, at] of [
      [1, t1],
      [2, t2],
    ] as const)
      await fetchPages(kit.t.db, firm, Object.fromEntries(OTHER_TYPES.map(([type]) => [type, [version(n)]])), at);
    await projectMirror(kit.t.db);
  });
  afterAll(async () => kit?.close());

  it("lists a record's changes oldest first, paged by an opaque cursor", async () => {
    const all = await get('/matters/1/history');
    expect(all.status).toBe(200);
    const changes = all.body['items'] as Change[];
    expect(changes.map((c) => c.change)).toEqual(['created', 'updated']);
    expect(changes[1]!.fields).toEqual({
      description: { old: 'Matter 1', new: 'Estate of Smith' },
      etag: { old: '"m1"', new: '"m1b"' },
      updated_at: { old: '2026-02-02T00:00:00Z', new: '2026-11-02T09:00:00Z' },
    });
    expect(changes.map((c) => c.source)).toEqual(['initial_sync', 'initial_sync']);

    const first = await get('/matters/1/history?limit=1');
    expect((first.body['items'] as Change[]).map((c) => c.change)).toEqual(['created']);
    const second = await get(`/matters/1/history?limit=1&cursor=${String(first.body['next'])}`);
    expect((second.body['items'] as Change[]).map((c) => c.change)).toEqual(['updated']);
    expect(second.body['next']).toBeNull();
  });

  it('answers a matter as the mirror held it at an instant', async () => {
    const at = async (d: Date) => get(`/matters/1?as_of=${encodeURIComponent(d.toISOString())}`);
    expect((await at(new Date(t1.getTime() - 1000))).status).toBe(404);
    const before = await at(new Date(t1.getTime() + 1000));
    expect(before.status).toBe(200);
    expect((before.body['data'] as Record<string, unknown>)['description']).toBe('Matter 1');
    expect(before.body).toMatchObject({ id: '1', etag: '"m1"', isDeleted: false, sync: { source: 'sync' } });
    const after = await at(t3);
    expect((after.body['data'] as Record<string, unknown>)['description']).toBe('Estate of Smith');
    expect(after.body['etag']).toBe('"m1b"');
    // Without as_of: today's row, which the history's last state equals.
    expect(((await get('/matters/1')).body['data'] as Record<string, unknown>)['description']).toBe('Estate of Smith');
  });

  it('answers one record of every other type with a history, now and as the mirror held it at an instant', async () => {
    const name = (a: Answer): unknown => (a.body['data'] as Record<string, unknown> | undefined)?.['name'];
    for (const [, route] of OTHER_TYPES) {
      const at = (d: Date) => get(`/${route}/50?as_of=${encodeURIComponent(d.toISOString())}`);
      const then = await at(new Date(t1.getTime() + 1000));
      expect({ route, status: then.status, name: name(then), etag: then.body['etag'] }).toEqual({
        route,
        status: 200,
        name: 'version 1',
        etag: '"v1"',
      });
      expect({ route, name: name(await at(t3)) }).toEqual({ route, name: 'version 2' });
      expect({ route, name: name(await get(`/${route}/50`)) }).toEqual({ route, name: 'version 2' });
      expect({ route, before: (await at(new Date(t1.getTime() - 1000))).status }).toEqual({ route, before: 404 });
      expect({ route, foreign: (await get(`/${route}/50?as_of=${t3.toISOString()}`, other)).status }).toEqual({
        route,
        foreign: 404,
      });
      expect({ route, bad: (await get(`/${route}/50?as_of=soon`)).status }).toEqual({ route, bad: 400 });
    }
  });

  it("hides another firm's record (404) and names a bad parameter (400)", async () => {
    expect((await get('/matters/7/history')).status).toBe(404);
    expect((await get('/matters/7/history', other)).status).toBe(200);
    expect((await get(`/matters/7?as_of=${t3.toISOString()}`)).status).toBe(404);
    expect((await get('/contacts/1/history')).status).toBe(404);
    const badAsOf = await get('/matters/1?as_of=yesterday');
    expect(badAsOf.status).toBe(400);
    expect(JSON.stringify(badAsOf.body)).toContain('as_of');
    const badCursor = await get('/matters/1/history?cursor=abc');
    expect(badCursor.status).toBe(400);
    expect(JSON.stringify(badCursor.body)).toContain('cursor');
    expect(JSON.stringify((await get('/matters/1/history?limit=500')).body)).toContain('limit');
  });
});
