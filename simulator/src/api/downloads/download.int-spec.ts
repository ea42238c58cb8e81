import { createHash } from 'node:crypto';
import { request } from 'undici';
import { ManualClock } from '../../clock';
import type { SimTestKit } from '../../testing/sim-test-kit';
import { listBody, startSimTestKit } from '../../testing/sim-test-kit';
import { fileBytes } from './file-bytes';

/** Plain GET without credentials (undici streams much faster than global fetch under jest). */
const fetchFile = async (url: string) => {
  const res = await request(url);
  return { status: res.statusCode, headers: res.headers, body: res.body };
};
type FileResponse = Awaited<ReturnType<typeof fetchFile>>;

const sha = async (res: FileResponse): Promise<{ hash: string; bytes: number }> => {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    h.update(chunk);
    bytes += chunk.length;
  }
  return { hash: h.digest('hex'), bytes };
};

describe('document download', () => {
  let kit: SimTestKit;
  const clock = new ManualClock(Date.UTC(2025, 0, 10));
  const BIG = 50 * 1024 * 1024;
  beforeAll(async () => {
    kit = await startSimTestKit({
      clock,
      download: { urlTtlMs: 60_000, sizeOverride: (documentId) => (documentId === bigDocId ? BIG : undefined) },
    });
  });
  afterAll(() => kit.close());
  let bigDocId = -1;

  const docWithVersions = () =>
    [...kit.sim.store.table('documents').ascending()].find(
      (d) => [...kit.sim.store.table('document_versions').ascending()].filter((v) => v.document_id === d.id).length > 1,
    )!;

  it('answers 303 to a signed URL that serves the latest version without a bearer token', async () => {
    const doc = docWithVersions();
    const latest = kit.sim.store.get('document_versions', doc.latest_version_id)!;
    const res = await kit.get(`/documents/${doc.id}/download.json`);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/\/_files\//);
    const file = await fetchFile(location);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe(latest.content_type);
    expect(Number(file.headers['content-length'])).toBe(latest.size);
    const { bytes } = await sha(file);
    expect(bytes).toBe(latest.size);
  });

  it('serves the same bytes every time for a (document, version), different bytes for another version', async () => {
    const doc = docWithVersions();
    const versions = listBody(await kit.get(`/documents/${doc.id}/versions.json?fields=id,size`)).data;
    const get = async (vid: number) =>
      sha(
        await fetchFile(
          (await kit.get(`/documents/${doc.id}/download?document_version_id=${vid}`)).headers.get('location')!,
        ),
      );
    const a1 = await get(versions[0].id as number);
    const a2 = await get(versions[0].id as number);
    const b = await get(versions[1].id as number);
    expect(a2).toEqual(a1);
    expect(b.hash).not.toBe(a1.hash);
    expect(a1.bytes).toBe(versions[0].size);
  });

  it('streams a 50 MB file', async () => {
    const doc = [...kit.sim.store.table('documents').ascending()][2];
    bigDocId = doc.id;
    const res = await kit.get(`/documents/${doc.id}/download.json`);
    const file = await fetchFile(res.headers.get('location')!);
    expect(Number(file.headers['content-length'])).toBe(BIG);
    let bytes = 0;
    let head: Buffer | undefined;
    for await (const chunk of file.body as AsyncIterable<Buffer>) {
      head ??= Buffer.from(chunk.subarray(0, 64));
      bytes += chunk.length;
    }
    expect(bytes).toBe(BIG);
    const local = fileBytes(doc.id, doc.latest_version_id, 64).read(64) as Buffer;
    expect(head?.subarray(0, 64)).toEqual(local);
  });

  it('expires the signed URL and rejects a tampered one', async () => {
    const doc = [...kit.sim.store.table('documents').ascending()][0];
    const location = (await kit.get(`/documents/${doc.id}/download.json`)).headers.get('location')!;
    const tampered = location.slice(0, -1) + (location.endsWith('A') ? 'B' : 'A');
    const bad = await fetchFile(tampered);
    await bad.body.dump();
    expect(bad.status).toBe(403);
    clock.advance(60_001);
    const expired = await fetchFile(location);
    expect(expired.status).toBe(403);
    expect(await expired.body.text()).toContain('expired');
  });

  it('404 for a missing document or a version of another document; 400 for a bad version id', async () => {
    const [a, b] = [...kit.sim.store.table('documents').ascending()];
    expect((await kit.get('/documents/99999999/download.json')).status).toBe(404);
    expect((await kit.get(`/documents/${a.id}/download.json?document_version_id=${b.latest_version_id}`)).status).toBe(
      404,
    );
    expect((await kit.get(`/documents/${a.id}/download.json?document_version_id=x`)).status).toBe(400);
  });
});
