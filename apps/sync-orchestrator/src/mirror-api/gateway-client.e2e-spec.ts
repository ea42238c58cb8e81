import { createGatewayClient, type GatewayClient } from '@sf/gateway-client';
import { signJwt } from '@sf/http-auth';
import { uniqueName } from '@sf/testing';
import { JWT_SECRET, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm, project } from '../testing/orchestrator-fixtures';
import { documentRecord, fetchPages, folderRecord, matterRecord, projectMirror } from '../testing/mirror-fixtures';

const tokenFor = (firmId: string): string =>
  signJwt(
    { sub: 'user-1', firm_id: firmId, exp: Math.floor(Date.now() / 1000) + 600 },
    { alg: 'HS256', secret: JWT_SECRET },
  );

describe('@sf/gateway-client against the running orchestrator (e2e: the generated client is what gateway clients use)', () => {
  let kit: E2eKit;
  let client: GatewayClient;
  const firm = uniqueName('firm');

  beforeAll(async () => {
    kit = await startE2eKit();
    client = createGatewayClient({ baseUrl: kit.orchestrator.url, token: tokenFor(firm) });
    await connectFirm(kit.t.db, firm);
    await project(kit.t.db);
    await fetchPages(kit.t.db, firm, {
      matters: [matterRecord(1), matterRecord(2)],
      folders: [folderRecord(10, 1, null, 'Root'), folderRecord(11, 1, 10, 'Sub')],
      documents: [documentRecord(100, 1, 10), documentRecord(101, 1, 11)],
    });
    await projectMirror(kit.t.db);
  });
  afterAll(async () => kit?.close());

  it("reads a matter's folders and the documents of a folder with its subfolders, typed", async () => {
    const matters = await client.GET('/matters', { params: { query: { status: 'Open', limit: '200' } } });
    expect(matters.response.status).toBe(200);
    expect(matters.data?.items.map((m) => m.id)).toEqual(['1', '2']);
    const tree = await client.GET('/matters/{id}/folders', { params: { path: { id: '1' } } });
    const root = tree.data?.folders[0];
    expect(root).toMatchObject({ id: '10', children: [{ id: '11', name: 'Sub' }] });
    const docs = await client.GET('/folders/{id}/documents', {
      params: { path: { id: root!.id }, query: { recursive: 'true' } },
    });
    expect(docs.data?.items.map((d) => [d.id, d.parentId, d.sync.source])).toEqual([
      ['100', '10', 'sync'],
      ['101', '11', 'sync'],
    ]);
  });

  it('reads the firm status and job list, and gets typed errors', async () => {
    const status = await client.GET('/sync-status');
    expect(status.data).toMatchObject({ firmId: firm, canSyncNow: true, webhooks: { state: 'off' } });
    const me = await client.GET('/sync-status/me');
    expect(me.data?.actions.syncNow.allowed).toBe(true);
    expect((await client.GET('/sync-jobs')).data).toEqual({ items: [], next: null });
    const missing = await client.GET('/matters/{id}', { params: { path: { id: '404404' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ statusCode: 404 });
    const bad = await client.GET('/matters', { params: { query: { limit: '0' } } });
    expect(bad.response.status).toBe(400);
    expect(JSON.stringify(bad.error?.message)).toContain('limit');
  });

  it('revalidates with If-None-Match: 304 without a body', async () => {
    const first = await client.GET('/matters/{id}', { params: { path: { id: '1' } } });
    const etag = first.response.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await client.GET('/matters/{id}', {
      params: { path: { id: '1' } },
      headers: { 'if-none-match': etag! },
    });
    expect(again.response.status).toBe(304);
  });
});
