import { Resource } from '@sf/clio-simulator';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { createClioClient } from './create-clio-client';
import { simTokenProvider, startSimHarness, type SimHarness } from './testing/sim-harness';
import type { ClioClientOptions, PageOutcome } from './types';
import type { ClioClientTables } from './schema/clio-rate-budget.tables';

const COUNTS = {
  users: 3,
  contacts: 20,
  matters: 450,
  calendar_entries: 3,
  tasks: 3,
  documents: 4,
  activities: 3,
  folders_per_matter: 0,
};

describe('Clio client against the simulator: listing, resume, fields, count, get, download', () => {
  let h: SimHarness;
  let tdb: TestDatabase<ClioClientTables>;

  beforeAll(async () => {
    [h, tdb] = await Promise.all([
      startSimHarness({ seed: 3, counts: COUNTS }),
      createTestDatabase<ClioClientTables>(),
    ]);
  });
  afterAll(async () => {
    await h?.close();
    await tdb?.drop();
  });

  const client = (extra: Partial<ClioClientOptions> = {}) => {
    const tokens = simTokenProvider(h, uniqueName('conn'));
    return {
      tokens,
      client: createClioClient({
        db: tdb.db,
        firmId: 'firm-1',
        tokens: tokens.provider,
        now: h.now,
        sleep: h.sleep,
        ...extra,
      }),
    };
  };
  const matterIds = () => [...h.sim.store.table(Resource.Matters).byId.keys()].sort((a, b) => a - b);
  const okPages = async (it: AsyncIterable<PageOutcome>) => {
    const pages = [];
    for await (const o of it) {
      if (!o.ok) throw new Error(`unexpected ${o.kind}: ${o.reason}`);
      pages.push(o.page);
    }
    return pages;
  };

  it('iterates every matter exactly once, in ascending id order, with the requested fields only', async () => {
    const { client: c } = client();
    const pages = await okPages(c.pages({ resource: 'matters', fields: ['id', 'display_number'] }, 'backfill'));
    const ids = pages.flatMap((p) => p.records.map((r) => r.id));
    expect(pages).toHaveLength(3);
    expect(ids).toEqual(matterIds());
    expect(pages.map((p) => p.records.length)).toEqual([200, 200, 50]);
    expect(pages.every((p) => p.total === 450)).toBe(true);
    expect(pages[2].nextUrl).toBeNull();
    for (const r of pages.flatMap((p) => p.records)) expect(Object.keys(r).sort()).toEqual(['display_number', 'id']);
    expect(new URL(pages[0].url).searchParams.get('order')).toBe('id(asc)');
    expect(c.stats()).toEqual({ apiCalls: 3, r429: 0, retries: 0, refreshes: 0 });
  });

  it("resumes from a previous page's nextUrl and yields only the rest", async () => {
    const { client: c } = client();
    const first = await c.fetchPage({ resource: 'matters', fields: ['id'], limit: 100 }, 'backfill');
    if (!first.ok) throw new Error(first.reason);
    expect(first.apiCalls).toBe(1);
    const rest = await okPages(
      c.pages({ resource: 'matters', fields: ['id'] }, 'backfill', { fromCursor: first.page.nextUrl ?? '' }),
    );
    const ids = [...first.page.records, ...rest.flatMap((p) => p.records)].map((r) => r.id);
    expect(rest).toHaveLength(4);
    expect(ids).toEqual(matterIds());
  });

  it('passes filters through (updated_since bookmark, status) and counts with meta.records', async () => {
    const { client: c } = client();
    const open = [...h.sim.store.table(Resource.Matters).byId.values()].filter((m) => m.status === 'Open');
    const counted = await c.count('matters', { status: 'open' }, 'interactive');
    expect(counted).toEqual({ ok: true, total: open.length });
    const cutoff = [...h.sim.store.table(Resource.Matters).byId.values()].map((m) => m.updated_at).sort()[400];
    const recent = await okPages(
      c.pages(
        {
          resource: 'matters',
          fields: ['id', 'updated_at'],
          filters: { updated_since: new Date(cutoff).toISOString() },
        },
        'backfill',
      ),
    );
    const got = recent.flatMap((p) => p.records);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(450);
    for (const r of got) expect(Date.parse(String(r.updated_at))).toBeGreaterThanOrEqual(cutoff);
  });

  it('gets one record with fields, and reports a missing one as failed without retrying', async () => {
    const { client: c } = client();
    const id = matterIds()[7];
    expect(await c.get('matters', String(id), ['id', 'display_number'], 'interactive')).toEqual({
      ok: true,
      record: { id, display_number: h.sim.store.get(Resource.Matters, id)?.display_number },
    });
    const missing = await c.get('matters', '999999999', ['id'], 'interactive');
    expect(missing).toMatchObject({ ok: false, kind: 'failed', status: 404 });
    expect(c.stats().retries).toBe(0);
  });

  it('refuses a cursor on another host (the bearer token never leaves the API base)', async () => {
    const { client: c } = client();
    const r = await c.fetchPage({ cursorUrl: 'http://127.0.0.2:1/api/v4/matters.json?page_token=x' }, 'interactive');
    expect(r).toMatchObject({ ok: false, kind: 'failed' });
    expect(c.stats().apiCalls).toBe(0);
  });

  it('downloads a document by following the 303 to the signed URL', async () => {
    const { client: c } = client();
    const doc = [...h.sim.store.table(Resource.Documents).byId.values()].find(
      (d) => h.sim.store.get(Resource.DocumentVersions, d.latest_version_id)?.fully_uploaded,
    );
    if (!doc) throw new Error('generated firm has no uploaded document');
    const version = h.sim.store.get(Resource.DocumentVersions, doc.latest_version_id);
    const r = await c.download(String(doc.id), 'interactive');
    if (!r.ok) throw new Error(r.reason);
    let bytes = 0;
    for await (const chunk of r.body) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(version?.size);
    expect(r.size).toBe(version?.size);
    expect(r.contentType).toBe(version?.content_type);
  });
});
