import { startSimTestKit, type SimTestKit } from '../testing/sim-test-kit';

type Page = { data: Array<Record<string, unknown>> };

describe('notes, relationships, nested contact data and activity visibility (in-process simulator)', () => {
  let kit: SimTestKit;
  beforeAll(async () => {
    kit = await startSimTestKit({ activityVisibility: { rate: 'limited', hours: 'none', viewerUserId: 1 } });
  });
  afterAll(() => kit.close());

  it('lists matter notes or contact notes, never without a type (Clio requires it)', async () => {
    expect((await kit.get('/notes.json')).status).toBe(400);
    const matter = (await kit.get('/notes.json?type=Matter&fields=id,type,matter{id},contact{id}')).body as Page;
    const contact = (await kit.get('/notes.json?type=contact&fields=id,type,matter,contact')).body as Page;
    expect(matter.data.length).toBeGreaterThan(0);
    expect(contact.data.length).toBeGreaterThan(0);
    expect(matter.data.every((n) => n['type'] === 'Matter' && n['contact'] === null && n['matter'] !== null)).toBe(
      true,
    );
    expect(contact.data.every((n) => n['type'] === 'Contact' && n['matter'] === null)).toBe(true);
    const m = (matter.data[0]!['matter'] as { id: number }).id;
    const one = (await kit.get(`/notes.json?type=Matter&matter_id=${m}&fields=id,matter{id}`)).body as Page;
    expect(one.data.length).toBeGreaterThan(0);
    expect(one.data.every((n) => (n['matter'] as { id: number }).id === m)).toBe(true);
  });

  it("lists matters' related contacts, by matter, and nests them in matters without their contact", async () => {
    const all = (await kit.get('/relationships.json?fields=id,description,matter{id},contact{id}')).body as Page;
    expect(all.data.length).toBeGreaterThan(0);
    const m = (all.data[0]!['matter'] as { id: number }).id;
    const mine = (await kit.get(`/relationships.json?matter_id=${m}&fields=id`)).body as Page;
    const nested = (await kit.get(`/matters/${m}.json?fields=id,relationships{id,description}`)).body as {
      data: { relationships: Array<{ id: number }> };
    };
    expect(nested.data.relationships.map((r) => r.id).sort()).toEqual(mine.data.map((r) => r['id']).sort());
    expect((await kit.get(`/matters/${m}.json?fields=relationships{id,contact}`)).status).toBe(400);
    expect((await kit.get('/relationships.json?order=id(asc)')).status).toBe(400);
  });

  it('serves web sites nested in contacts', async () => {
    const page = (await kit.get('/contacts.json?fields=id,web_sites{id,name,address,default_web_site}')).body as Page;
    const sites = page.data.flatMap((c) => c['web_sites'] as Array<Record<string, unknown>>);
    expect(sites.length).toBeGreaterThan(0);
    expect(sites[0]).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      address: expect.stringMatching(/^https:\/\//),
      default_web_site: expect.any(Boolean),
    });
  });

  it("removes hidden amounts and hours of time entries and adds `redacted`, as Clio's visibility settings do", async () => {
    const page = (await kit.get('/activities.json?fields=id,type,user{id},quantity,quantity_redacted,price,total'))
      .body as Page;
    const time = page.data.filter((a) => a['type'] === 'TimeEntry');
    const own = time.filter((a) => (a['user'] as { id: number }).id === 1);
    const others = time.filter((a) => (a['user'] as { id: number }).id !== 1);
    expect(own.length).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(0);
    // Hours hidden for every time entry (`none`); price and total for other users' only (`limited`).
    for (const a of time) expect(a).toMatchObject({ quantity_redacted: true, redacted: true });
    for (const a of time) expect('quantity' in a).toBe(false);
    for (const a of own)
      expect(a).toEqual(expect.objectContaining({ price: expect.any(Number), total: expect.any(Number) }));
    for (const a of others) expect(['price' in a, 'total' in a]).toEqual([false, false]);
    const expense = page.data.find((a) => a['type'] !== 'TimeEntry');
    if (expense) expect(expense).toMatchObject({ quantity_redacted: false, price: expect.any(Number) });
  });
});
