import { randomUUID } from 'node:crypto';
import { uniqueName } from '@sf/testing';
import { bearer, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { event } from '../testing/orchestrator-fixtures';
import {
  appendJobEvents,
  documentRecord,
  fetchPages,
  folderRecord,
  matterRecord,
  projectMirror,
} from '../testing/mirror-fixtures';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  etag: string | null;
}
type Rec = { id: string; isDeleted: boolean; details: Record<string, unknown>; sync: Record<string, unknown> };

describe('mirror read API (e2e: HTTP, real Postgres and NATS; mirror projected from the log)', () => {
  let kit: E2eKit;
  const firm = uniqueName('firm');
  const other = uniqueName('firm_other');
  const syncedAt = new Date(Date.UTC(2026, 11, 2, 10));
  let jobId: string;

  const get = async (path: string, f = firm, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${kit.orchestrator.url}${path}`, { headers: { authorization: bearer(f), ...headers } });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      etag: res.headers.get('etag'),
    };
  };
  const items = (a: Answer): Rec[] => a.body['items'] as Rec[];
  const ids = async (path: string, f = firm): Promise<string[]> => items(await get(path, f)).map((r) => r.id);

  beforeAll(async () => {
    kit = await startE2eKit();
    const matters = [
      matterRecord(1, {
        custom_field_values: [{ id: 'numeric-1', field_type: 'numeric', value: '12.5', custom_field: { id: 70 } }],
      }),
      matterRecord(2, { status: 'Closed', description: 'Estate of Jones', client: { id: 901 } }),
      matterRecord(3, {
        status: 'Pending',
        practice_area: { id: 6, name: 'Family' },
        updated_at: '2026-03-05T00:00:00Z',
      }),
      matterRecord(4),
    ];
    // Matter 1: root 10 > (11 > 13, 12); documents in 10, 11, 13.
    const folders = [
      folderRecord(10, 1, null, 'Root'),
      folderRecord(11, 1, 10, 'Pleadings'),
      folderRecord(12, 1, 10, 'Billing'),
      folderRecord(13, 1, 11, 'Drafts'),
    ];
    const documents = [
      documentRecord(100, 1, 10),
      documentRecord(101, 1, 11, {
        latest_document_version: {
          id: 5001,
          version_number: 2,
          filename: 'v2.pdf',
          size: 1024,
          content_type: 'application/pdf',
        },
      }),
      documentRecord(102, 1, 13),
      documentRecord(103, 1, 13),
    ];
    const contacts = [
      {
        id: 900,
        etag: '"c900"',
        updated_at: '2026-02-01T00:00:00Z',
        name: 'Ann Client',
        type: 'Person',
        email_addresses: [{ id: 1, name: 'Work', address: 'ann@example.com', default_email: true }],
      },
    ];
    jobId = await fetchPages(kit.t.db, firm, { matters, folders, documents, contacts }, syncedAt);
    await fetchPages(kit.t.db, other, {
      matters: [matterRecord(1), matterRecord(77)],
      folders: [folderRecord(99, 77, null, 'X')],
    });
    // Matter 4 swept (soft-deleted) by a later event of the same job.
    await appendJobEvents(kit.t.db, jobId, [
      event(firm, 'RecordsSwept', {
        jobId,
        entityType: 'matters',
        listed: 3,
        softDeletedIds: ['4'],
        restoredIds: [],
        heldForReview: false,
      }),
    ]);
    await projectMirror(kit.t.db);
  });
  afterAll(async () => kit?.close());

  it('lists matters in id order, hides soft-deleted ones unless asked, and says when and from where each was synced', async () => {
    const all = await get('/matters');
    expect(all.status).toBe(200);
    expect(items(all).map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(items(all)[0]).toMatchObject({
      id: '1',
      etag: '"m1"',
      matterId: '1',
      isDeleted: false,
      isRedacted: false,
      data: { display_number: '0001-Case', description: 'Matter 1' },
      details: {
        fields: { displayNumber: '0001-Case', status: 'Open', clientId: '900', practiceAreaName: 'Litigation' },
        customFieldValues: [{ customFieldId: '70', fieldType: 'numeric', valueRaw: '12.5', valueNumber: 12.5 }],
      },
      sync: { lastSyncedAt: syncedAt.toISOString(), source: 'sync', jobId },
    });
    expect(all.body['next']).toBeNull();
    expect(await ids('/matters?include_deleted=true')).toEqual(['1', '2', '3', '4']);
    const deleted = items(await get('/matters?include_deleted=true')).find((r) => r.id === '4');
    expect(deleted).toMatchObject({ isDeleted: true, sync: { source: 'sync', jobId } });
  });

  it('filters matters by status, practice area, client, updated since and text; sorts and pages with an opaque cursor', async () => {
    expect(await ids('/matters?status=Closed')).toEqual(['2']);
    expect(await ids('/matters?practice_area_id=6')).toEqual(['3']);
    expect(await ids('/matters?client_id=901')).toEqual(['2']);
    expect(await ids('/matters?updated_since=2026-03-01T00:00:00Z')).toEqual(['3']);
    expect(await ids('/matters?q=jones')).toEqual(['2']);
    expect(await ids('/matters?q=0003')).toEqual(['3']);
    expect(await ids('/matters?q=%25')).toEqual([]);
    expect(await ids('/matters?sort=-updated_at')).toEqual(['3', '2', '1']);
    expect(await ids('/matters?sort=-id')).toEqual(['3', '2', '1']);

    const pages: string[][] = [];
    let next: unknown = null;
    do {
      const p = await get(`/matters?limit=1&sort=updated_at${next ? `&cursor=${String(next)}` : ''}`);
      pages.push(items(p).map((r) => r.id));
      next = p.body['next'];
    } while (next);
    expect(pages).toEqual([['1'], ['2'], ['3']]);
    const first = await get('/matters?limit=1&sort=updated_at');
    const reused = await get(`/matters?limit=1&sort=id&cursor=${String(first.body['next'])}`);
    expect(reused.status).toBe(400);
    expect(JSON.stringify(reused.body)).toContain('cursor');
  });

  it("reads one matter with its details; another firm's or a missing matter is a 404", async () => {
    const one = await get('/matters/1');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: '1', details: { fields: { status: 'Open' } } });
    expect((await get('/matters/77')).status).toBe(404);
    expect((await get('/matters/77', other)).status).toBe(200);
    expect((await get('/matters/4')).status).toBe(404);
    expect((await get('/matters/4?include_deleted=true')).status).toBe(200);
  });

  it("serves a matter's folder tree and the documents of a folder, with or without its subfolders", async () => {
    const tree = await get('/matters/1/folders');
    expect(tree.status).toBe(200);
    expect(tree.body).toMatchObject({
      matterId: '1',
      folders: [
        {
          id: '10',
          name: 'Root',
          children: [
            { id: '12', name: 'Billing', children: [] },
            { id: '11', name: 'Pleadings', children: [{ id: '13', name: 'Drafts', children: [] }] },
          ],
        },
      ],
    });
    expect((await get('/matters/77/folders')).status).toBe(404);
    expect(await ids('/folders/11/documents')).toEqual(['101']);
    expect(await ids('/folders/11/documents?recursive=true')).toEqual(['101', '102', '103']);
    expect(await ids('/folders/10/documents?recursive=true&limit=2')).toEqual(['100', '101']);
    const doc = items(await get('/folders/11/documents')).at(0);
    expect(doc).toMatchObject({
      parentId: '11',
      details: { versions: [{ id: '5001', versionNumber: 2, filename: 'v2.pdf', isLatest: true }] },
    });
    expect((await get('/folders/99/documents')).status).toBe(404);
    // The folder check answers before the page read beside it: another firm's folder is a 404 whatever the cursor.
    expect((await get('/folders/99/documents?cursor=AAAA')).status).toBe(404);
    expect((await get('/folders/11/documents?cursor=AAAA')).status).toBe(400);
    expect((await get('/folders/99/documents', other)).status).toBe(200);
  });

  it('lists contacts with their email addresses, and the other entity types', async () => {
    const contacts = items(await get('/contacts'));
    expect(contacts).toMatchObject([
      {
        id: '900',
        details: { fields: { name: 'Ann Client', type: 'Person' }, emailAddresses: [{ address: 'ann@example.com' }] },
      },
    ]);
    for (const path of ['/users', '/custom-fields', '/tasks', '/calendar-entries?matter_id=1', '/activities'])
      expect(await get(path)).toMatchObject({ status: 200, body: { items: [], next: null } });
  });

  it('answers If-None-Match with 304 while the answer is unchanged, and 200 with a new ETag once the mirror changes', async () => {
    for (const path of ['/matters', '/matters/1', '/matters/1/folders', '/folders/10/documents', '/contacts']) {
      const first = await get(path);
      expect(first.etag).toBeTruthy();
      expect((await get(path, firm, { 'if-none-match': first.etag! })).status).toBe(304);
    }
    const before = await get('/matters/2');
    await fetchPages(kit.t.db, firm, { matters: [matterRecord(2, { etag: '"m2b"', status: 'Open' })] });
    await projectMirror(kit.t.db);
    const after = await get('/matters/2', firm, { 'if-none-match': before.etag! });
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
  });

  it('answers 400 naming the parameter for bad query parameters', async () => {
    for (const [path, field] of [
      ['/matters?limit=0', 'limit'],
      ['/matters?limit=201', 'limit'],
      ['/matters?status=Open2', 'status'],
      ['/matters?sort=name', 'sort'],
      ['/matters?updated_since=yesterday', 'updated_since'],
      ['/matters?include_deleted=yes', 'include_deleted'],
      ['/matters?cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['/matters?colour=red', 'colour'],
      ['/folders/10/documents?recursive=1', 'recursive'],
      ['/tasks?matter_id=%20', 'matter_id'],
    ] as const) {
      const r = await get(path);
      expect({ path, status: r.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(r.body)).toContain(field);
    }
    expect((await get('/matters?limit=200')).status).toBe(200);
    expect(randomUUID()).toBeTruthy();
  });
});
