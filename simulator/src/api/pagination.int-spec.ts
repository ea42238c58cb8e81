import type { SimTestKit } from '../testing/sim-test-kit';
import { listBody, startSimTestKit } from '../testing/sim-test-kit';

describe('pagination', () => {
  let kit: SimTestKit;
  beforeAll(async () => {
    kit = await startSimTestKit({ counts: { activities: 10_250, contacts: 450 } });
  });
  afterAll(() => kit.close());

  const walk = async (first: string): Promise<{ ids: number[]; pages: number; records: (number | undefined)[] }> => {
    const ids: number[] = [];
    const records: (number | undefined)[] = [];
    let res = await kit.get(first);
    let pages = 0;
    for (;;) {
      expect(res.status).toBe(200);
      const body = listBody(res);
      pages++;
      ids.push(...body.data.map((r) => r.id as number));
      records.push(body.meta.records);
      if (!body.meta.paging.next) break;
      res = await kit.getUrl(body.meta.paging.next);
    }
    return { ids, pages, records };
  };

  it('cursor paging visits every record once, in id order, and omits next on the last page', async () => {
    const truth = kit.sim.store.groundTruth().records.contacts.map((r) => r.id);
    const { ids, pages, records } = await walk('/contacts.json?order=id(asc)&limit=200');
    expect(ids).toEqual(truth);
    expect(pages).toBe(Math.ceil(truth.length / 200));
    expect(new Set(records)).toEqual(new Set([truth.length]));
  });

  it('keeps fields, filters and limit on the next URL', async () => {
    const res = await kit.get('/contacts.json?limit=7&fields=id,name&type=Person');
    const body = listBody(res);
    const next = new URL(body.meta.paging.next!);
    expect(next.pathname).toBe('/api/v4/contacts.json');
    expect(next.searchParams.get('fields')).toBe('id,name');
    expect(next.searchParams.get('type')).toBe('Person');
    expect(next.searchParams.get('limit')).toBe('7');
    expect(next.searchParams.get('page_token')).toBeTruthy();
    const second = listBody(await kit.getUrl(next.toString()));
    expect(second.data.length).toBe(7);
    expect(Object.keys(second.data[0])).toEqual(['id', 'name']);
    expect((second.data[0].id as number) > (body.data[6].id as number)).toBe(true);
  });

  it('pages backwards with id(desc)', async () => {
    const truth = kit.sim.store
      .groundTruth()
      .records.contacts.map((r) => r.id)
      .reverse();
    const { ids } = await walk('/contacts.json?order=id(desc)&limit=150');
    expect(ids).toEqual(truth);
  });

  it('an exact multiple of limit ends without a dangling empty page', async () => {
    const n = kit.sim.store.groundTruth().counts.matters; // 25 in the tiny firm
    const { ids, pages } = await walk(`/matters.json?limit=${n}`);
    expect(ids.length).toBe(n);
    expect(pages).toBe(1);
  });

  it.each(['0', '201', '-1', 'ten'])('rejects limit=%s with 400', async (limit) => {
    const res = await kit.get(`/matters.json?limit=${limit}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { type: expect.any(String), message: expect.stringContaining('limit') } });
  });

  it('rejects a forged page_token with 400', async () => {
    expect((await kit.get('/matters.json?page_token=garbage')).status).toBe(400);
  });

  it('offset paging supports custom order and stops with 422 ArgumentError past 10,000 records', async () => {
    const first = listBody(await kit.get('/activities.json?offset=0&limit=200&order=date(desc)&fields=id,date'));
    const dates = first.data.map((r) => r.date as string);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new URL(first.meta.paging.next!).searchParams.get('offset')).toBe('200');

    const last = listBody(await kit.get('/activities.json?offset=9800&limit=200'));
    expect(last.data.length).toBe(200);
    const beyond = await kit.getUrl(last.meta.paging.next!);
    expect(beyond.status).toBe(422);
    expect(beyond.body).toMatchObject({ error: { type: 'ArgumentError' } });
    expect((await kit.get('/activities.json?offset=10000')).status).toBe(422);
  });

  it('a non-id order without offset pages by offset from the start', async () => {
    const body = listBody(await kit.get('/matters.json?order=display_number(asc)&limit=10&fields=id,display_number'));
    const names = body.data.map((r) => r.display_number as string);
    expect(names).toEqual([...names].sort());
    expect(new URL(body.meta.paging.next!).searchParams.get('offset')).toBe('10');
  });

  it('rejects an order the endpoint does not offer', async () => {
    expect((await kit.get('/matters.json?order=shoe_size(asc)')).status).toBe(400);
    expect((await kit.get('/calendar_entries.json?order=id(asc)')).status).toBe(400);
  });
});
