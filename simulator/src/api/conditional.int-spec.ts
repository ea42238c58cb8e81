import { ManualClock } from '../clock';
import type { SimTestKit } from '../testing/sim-test-kit';
import { showBody, startSimTestKit } from '../testing/sim-test-kit';

describe('ETags, conditional requests and API versions', () => {
  let kit: SimTestKit;
  const clock = new ManualClock(Date.UTC(2025, 0, 10));
  beforeAll(async () => {
    kit = await startSimTestKit({ clock });
  });
  afterAll(() => kit.close());

  it('show carries ETag and Last-Modified matching the record', async () => {
    const m = kit.sim.store.get('matters', 3)!;
    const res = await kit.get('/matters/3.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(m.etag);
    expect(Date.parse(res.headers.get('last-modified')!)).toBe(m.updated_at);
    expect(showBody(res)).toEqual({ id: 3, etag: m.etag });
  });

  it('If-None-Match with the current etag gives 304, a stale one 200', async () => {
    const etag = kit.sim.store.get('contacts', 4)!.etag;
    const hit = await kit.get('/contacts/4.json', { 'if-none-match': etag });
    expect(hit.status).toBe(304);
    expect(hit.text).toBe('');
    kit.sim.store.update('contacts', 4, { title: 'Director' });
    const miss = await kit.get('/contacts/4.json', { 'if-none-match': etag });
    expect(miss.status).toBe(200);
    expect(miss.headers.get('etag')).not.toBe(etag);
  });

  it('If-Modified-Since gives 304 when nothing changed since', async () => {
    const m = kit.sim.store.get('tasks', 2)!;
    expect((await kit.get('/tasks/2.json', { 'if-modified-since': new Date(m.updated_at).toUTCString() })).status).toBe(
      304,
    );
    expect(
      (await kit.get('/tasks/2.json', { 'if-modified-since': new Date(m.updated_at - 1000).toUTCString() })).status,
    ).toBe(200);
  });

  it('who_am_i supports If-None-Match too', async () => {
    const first = await kit.get('/users/who_am_i.json');
    expect(first.status).toBe(200);
    expect((await kit.get('/users/who_am_i.json', { 'if-none-match': first.headers.get('etag')! })).status).toBe(304);
  });

  it('PATCH with a stale If-Match is 412, with the current one 200', async () => {
    const before = kit.sim.store.get('matters', 5)!.etag;
    const ok = await kit.send(
      'PATCH',
      '/matters/5.json?fields=id,etag,description',
      { data: { description: 'Updated' } },
      { 'if-match': before },
    );
    expect(ok.status).toBe(200);
    expect(showBody(ok).description).toBe('Updated');
    const stale = await kit.send(
      'PATCH',
      '/matters/5.json',
      { data: { description: 'Again' } },
      { 'if-match': before },
    );
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { type: 'PreconditionFailed' } });
    expect(kit.sim.store.get('matters', 5)!.description).toBe('Updated');
  });

  it('echoes X-API-VERSION on success and answers 410 to invalid or retired versions', async () => {
    expect((await kit.get('/matters.json')).headers.get('x-api-version')).toBe('4.0.9');
    expect((await kit.get('/matters.json', { 'x-api-version': '4.0.5' })).headers.get('x-api-version')).toBe('4.0.5');
    for (const v of ['4.0.1', '5.0.0', 'latest']) {
      const res = await kit.get('/matters.json', { 'x-api-version': v });
      expect(res.status).toBe(410);
      expect(res.headers.get('x-api-version')).toBeNull();
    }
  });

  it('fields errors are 400 in Clio error shape on list and show', async () => {
    for (const path of [
      '/matters.json?fields=id,bogus',
      '/matters/1.json?fields=client{company{id}}',
      '/matters.json?fields=status{id}',
    ]) {
      const res = await kit.get(path);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { type: 'InvalidFieldsError', message: expect.any(String) } });
    }
  });

  it('404 for unknown records and routes', async () => {
    expect((await kit.get('/matters/999999.json')).status).toBe(404);
    expect((await kit.get('/matters/abc.json')).status).toBe(404);
    expect((await kit.get('/unknown.json')).status).toBe(404);
  });
});

describe('who_am_i', () => {
  it("returns the token's user", async () => {
    const kit = await startSimTestKit();
    try {
      const token = kit.sim.edge.issueToken({ userId: 3 }).access_token;
      const res = await kit.get('/users/who_am_i.json?fields=id,name', { authorization: `Bearer ${token}` });
      expect(showBody(res)).toEqual({ id: 3, name: kit.sim.store.get('users', 3)!.name });
    } finally {
      await kit.close();
    }
  });
});
