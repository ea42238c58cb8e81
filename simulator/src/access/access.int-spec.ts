import { ManualClock } from '../clock';
import { SimulatorControl } from '../control/simulator-control';
import { listBody, startSimTestKit, type SimTestKit } from '../testing/sim-test-kit';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);

describe('simulator: permissions and paging behaviours of the real Clio, switched through the control API', () => {
  let kit: SimTestKit;
  let control: SimulatorControl;
  let clock: ManualClock;
  let userId: number;

  beforeAll(async () => {
    clock = new ManualClock(T0);
    kit = await startSimTestKit({ clock, rateLimit: { limit: 1_000 } });
    control = new SimulatorControl(kit.sim.controlUrl);
    userId = kit.sim.edge.issueToken().user_id;
  });
  afterAll(() => kit.close());
  beforeEach(() => control.resetAccess());

  const contactIds = () => [...kit.sim.store.table('contacts').ascending()].map((c) => c.id);

  it('Contacts Visibility: hidden contacts leave short pages that still link onwards; redacted ones carry only their id', async () => {
    await control.setAccess({ users: { [userId]: { contactsVisibility: { hideEvery: 3, redactEvery: 5 } } } });
    const seen: Array<Record<string, unknown>> = [];
    let url: string | undefined = `${kit.sim.baseUrl()}/contacts.json?fields=id,etag,name&limit=10`;
    let shortWithNext = 0;
    while (url) {
      const page = listBody(await kit.getUrl(url));
      if (page.meta.paging.next && page.data.length < 10) shortWithNext++;
      seen.push(...page.data);
      url = page.meta.paging.next;
    }
    expect(shortWithNext).toBeGreaterThan(0);
    const all = contactIds();
    expect(seen.map((c) => c['id'])).toEqual(all.filter((id) => id % 3 !== 0));
    for (const c of seen) {
      const id = c['id'] as number;
      if (id % 5 === 0) expect(c).toEqual({ id, redacted: true });
      else expect(c).toMatchObject({ id, name: expect.any(String) });
    }
    const truth = await control.visibleTruth(userId);
    expect(truth.records.contacts.map((r) => r.id)).toEqual(all.filter((id) => id % 3 !== 0));
    expect(truth.records.contacts.filter((r) => r.redacted).every((r) => r.id % 5 === 0 && r.etag === null)).toBe(true);
    // Another user's token sees everything.
    const other = kit.sim.edge.issueToken({ userId: userId + 1 }).access_token;
    const res = await fetch(`${kit.sim.baseUrl()}/contacts.json?limit=200`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(((await res.json()) as { data: unknown[] }).data.length).toBe(Math.min(200, all.length));
  });

  it("hides a hidden contact's notes with it, in listings and in the visible ground truth alike", async () => {
    await control.setAccess({ users: { [userId]: { contactsVisibility: { hideEvery: 3, redactEvery: 5 } } } });
    const notes = [...kit.sim.store.table('notes').ascending()];
    const hiddenNote = (n: (typeof notes)[number]) => n.contact_id !== null && n.contact_id % 3 === 0;
    expect(notes.some(hiddenNote)).toBe(true);
    const listed: number[] = [];
    let url: string | undefined = `${kit.sim.baseUrl()}/notes.json?type=Contact&fields=id,contact{id}&limit=200`;
    while (url) {
      const page = listBody(await kit.getUrl(url));
      listed.push(...page.data.map((n) => n['id'] as number));
      url = page.meta.paging.next;
    }
    const want = notes.filter((n) => n.type === 'Contact' && !hiddenNote(n)).map((n) => n.id);
    expect(listed).toEqual(want);
    const truth = await control.visibleTruth(userId);
    expect(truth.records.notes.map((r) => r.id)).toEqual(notes.filter((n) => !hiddenNote(n)).map((n) => n.id));
    // Matter notes are not the contact's: they stay whatever the contact's visibility.
    const matterNotes = listBody(await kit.get('/notes.json?type=Matter&limit=200'));
    expect(matterNotes.data.length).toBe(Math.min(200, notes.filter((n) => n.type === 'Matter').length));
  });

  it("answers 403 ForbiddenError on a resource the user's access lacks, lists and records alike", async () => {
    await control.setAccess({ users: { [userId]: { forbidden: ['activities'] } } });
    const list = await kit.get('/activities.json');
    expect(list.status).toBe(403);
    expect(list.body).toEqual({
      error: { type: 'ForbiddenError', message: 'User is forbidden from taking that action' },
    });
    const id = [...kit.sim.store.table('activities').ascending()][0]!.id;
    expect((await kit.get(`/activities/${id}.json`)).status).toBe(403);
    expect((await kit.get('/matters.json')).status).toBe(200);
    expect((await control.visibleTruth(userId)).forbidden).toEqual(['activities']);
  });

  it('answers 403 to every user of an app authorised without a scope, and only to that app', async () => {
    const clientId = kit.sim.edge.issueToken().client_id;
    await control.setAccess({ apps: { [clientId]: { forbidden: ['calendar_entries'] } } });
    const other = kit.sim.edge.issueToken({ userId: userId + 1 }).access_token;
    const res = await fetch(`${kit.sim.baseUrl()}/calendar_entries.json`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(res.status).toBe(403);
    expect((await control.visibleTruth(userId, clientId)).forbidden).toEqual(['calendar_entries']);
    expect((await control.visibleTruth(userId)).forbidden).toEqual([]);
    await expect(control.setAccess({ apps: { [clientId]: { forbidden: 'tasks' } } } as never)).rejects.toThrow(
      `apps.${clientId}.forbidden`,
    );
  });

  it('expires page tokens after the configured time, and switches meta.records off', async () => {
    await control.setAccess({ pageTokenTtlSeconds: 60, metaRecords: false });
    const first = await kit.get('/matters.json?limit=5');
    expect(listBody(first).meta).toEqual({ paging: { next: expect.any(String) } });
    const next = listBody(first).meta.paging.next!;
    clock.advance(59_000);
    expect((await kit.getUrl(next)).status).toBe(200);
    clock.advance(2_000);
    const expired = await kit.getUrl(next);
    expect([expired.status, expired.body]).toEqual([
      400,
      { error: { type: 'BadRequestError', message: 'page_token has expired' } },
    ]);
    await control.setAccess({ metaRecords: true, pageTokenTtlSeconds: null });
    expect(listBody(await kit.get('/matters.json?limit=5')).meta.records).toBe(kit.sim.store.table('matters').size);
  });

  it('refuses malformed settings naming the field', async () => {
    await expect(control.setAccess({ pageTokenTtlSeconds: -1 })).rejects.toThrow('pageTokenTtlSeconds');
    await expect(control.setAccess({ users: { [userId]: { contactsVisibility: { hideEvery: 0 } } } })).rejects.toThrow(
      `users.${userId}.contactsVisibility.hideEvery`,
    );
  });

  it('sends X-RateLimit-* on a 401 too, without counting it', async () => {
    const res = await fetch(`${kit.sim.baseUrl()}/matters.json`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-ratelimit-limit')).toBe('1000');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('1000');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(T0 / 1000);
  });

  it('links back with meta.paging.previous on every page after the first', async () => {
    const first = listBody(await kit.get('/matters.json?fields=id&limit=4'));
    expect(first.meta.paging.previous).toBeUndefined();
    const second = listBody(await kit.getUrl(first.meta.paging.next!));
    expect(second.meta.paging.previous).toEqual(expect.any(String));
    const back = listBody(await kit.getUrl(second.meta.paging.previous!));
    expect(back.data).toEqual(first.data);
    expect(back.meta.paging.previous).toBeUndefined();
    const offset = listBody(await kit.get('/matters.json?fields=id&limit=4&offset=8&order=display_number(asc)'));
    expect(new URL(offset.meta.paging.previous!).searchParams.get('offset')).toBe('4');
  });

  it('gives every new contact and matter its own folder, and files some documents outside matters', async () => {
    const contact = await kit.send('POST', '/contacts.json?fields=id,folder{id}', {
      data: { type: 'Person', first_name: 'Ada', last_name: 'Lovelace' },
    });
    expect(contact.status).toBe(201);
    const folderId = (contact.body as { data: { folder: { id: number } } }).data.folder.id;
    expect(kit.sim.store.get('folders', folderId)).toMatchObject({ contact_id: expect.any(Number), matter_id: null });
    kit.sim.edge.activity.step(40);
    for (const t of ['contacts', 'matters'] as const)
      for (const r of kit.sim.store.table(t).ascending()) expect(r.folder_id).not.toBeNull();
    const outside = [...kit.sim.store.table('documents').ascending()].filter((d) => d.matter_id === null);
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.every((d) => d.contact_id !== null)).toBe(true);
  });
});
