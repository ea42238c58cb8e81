import { ManualClock } from '../clock';
import { SimulatorControl } from '../control/simulator-control';
import { listBody, startSimTestKit, type SimTestKit } from '../testing/sim-test-kit';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);

/**
 * A user's permissions reach every answer the simulator gives that user, as Clio's do: lists, single records and
 * the records nested in them; another user's token, and the firm's shared view, are untouched.
 */
describe('simulator: per-user visibility wherever records are served', () => {
  let kit: SimTestKit;
  let control: SimulatorControl;
  let userId: number;
  let other: string;

  beforeAll(async () => {
    kit = await startSimTestKit({ clock: new ManualClock(T0), rateLimit: { limit: 5_000 } });
    control = new SimulatorControl(kit.sim.controlUrl);
    userId = kit.sim.edge.issueToken().user_id;
    other = kit.sim.edge.issueToken({ userId: userId + 1 }).access_token;
  });
  afterAll(() => kit.close());
  beforeEach(() => control.resetAccess());

  const asOther = (path: string) => kit.get(path, { authorization: `Bearer ${other}` });
  const dataOf = (body: unknown) => (body as { data: Record<string, unknown> }).data;
  const listAll = async (path: string): Promise<Array<Record<string, unknown>>> => {
    const out: Array<Record<string, unknown>> = [];
    let url: string | undefined = `${kit.sim.baseUrl()}${path}`;
    while (url) {
      const page = listBody(await kit.getUrl(url));
      out.push(...page.data);
      url = page.meta.paging.next;
    }
    return out;
  };

  it("a hidden contact is a 404 and a redacted one only its id, record by record; the contact's folder and documents outside matters go with it", async () => {
    const contacts = [...kit.sim.store.table('contacts').ascending()];
    const hidden = contacts.find((c) => c.id % 3 === 0)!;
    const redacted = contacts.find((c) => c.id % 3 !== 0 && c.id % 5 === 0)!;
    await control.setAccess({ users: { [userId]: { contactsVisibility: { hideEvery: 3, redactEvery: 5 } } } });

    expect((await kit.get(`/contacts/${hidden.id}.json`)).status).toBe(404);
    const r = await kit.get(`/contacts/${redacted.id}.json?fields=id,name`);
    expect([r.status, r.body]).toEqual([200, { data: { id: redacted.id, redacted: true } }]);
    expect((await asOther(`/contacts/${hidden.id}.json`)).status).toBe(200);

    const ownedByHidden = (d: { matter_id: number | null; contact_id: number | null }) =>
      d.matter_id === null && d.contact_id !== null && d.contact_id % 3 === 0;
    const documents = [...kit.sim.store.table('documents').ascending()];
    const folders = [...kit.sim.store.table('folders').ascending()];
    expect(documents.some(ownedByHidden) && folders.some(ownedByHidden)).toBe(true);
    const listedDocs = (await listAll('/documents.json?fields=id&limit=200')).map((d) => d['id']);
    expect(listedDocs).toEqual(documents.filter((d) => !ownedByHidden(d) && d.deleted_at === null).map((d) => d.id));
    const listedFolders = (await listAll('/folders.json?fields=id&limit=200')).map((d) => d['id']);
    expect(listedFolders).toEqual(folders.filter((f) => !ownedByHidden(f) && f.deleted_at === null).map((f) => f.id));
    const hiddenDoc = documents.find(ownedByHidden)!;
    expect((await kit.get(`/documents/${hiddenDoc.id}.json`)).status).toBe(404);
    // The visible ground truth agrees with the lists.
    const truth = await control.visibleTruth(userId);
    expect(truth.records.documents.map((d) => d.id)).toEqual(listedDocs);
    expect(truth.records.folders.map((d) => d.id)).toEqual(listedFolders);
  });

  it("a contact nested in another record (a matter's client, a relationship's contact) shows as redacted", async () => {
    await control.setAccess({ users: { [userId]: { contactsVisibility: { hideEvery: 3, redactEvery: 5 } } } });
    const matters = [...kit.sim.store.table('matters').ascending()];
    const restricted = matters.find((m) => m.client_id !== null && m.client_id % 3 === 0)!;
    const open = matters.find((m) => m.client_id !== null && m.client_id % 3 !== 0 && m.client_id % 5 !== 0)!;
    const client = async (id: number, get = kit.get) =>
      dataOf((await get(`/matters/${id}.json?fields=id,client{id,name}`)).body)['client'];
    expect(await client(restricted.id)).toEqual({ id: restricted.client_id, redacted: true });
    expect(await client(open.id)).toEqual({ id: open.client_id, name: expect.any(String) });
    expect(await client(restricted.id, asOther)).toEqual({ id: restricted.client_id, name: expect.any(String) });

    const listed = await listAll('/matters.json?fields=id,client{id,name}&limit=200');
    const nested = listed.find((m) => m['id'] === restricted.id)!;
    expect(nested['client']).toEqual({ id: restricted.client_id, redacted: true });

    const relationships = await listAll('/relationships.json?fields=id,contact{id,name}&limit=200');
    const contactOf = (x: Record<string, unknown>) => x['contact'] as { id: number; redacted?: true; name?: string };
    expect(relationships.length).toBeGreaterThan(0);
    for (const rel of relationships) {
      const c = contactOf(rel);
      if (c.id % 3 === 0 || c.id % 5 === 0) expect(c).toEqual({ id: c.id, redacted: true });
      else expect(c.name).toEqual(expect.any(String));
    }
  });

  it("calendar attendees: an invited contact the user may not see is redacted, users' calendars are not", async () => {
    await control.setAccess({ users: { [userId]: { contactsVisibility: { hideEvery: 3, redactEvery: 5 } } } });
    const fields = 'id,attendees{id,type,name,email,enabled}';
    const entries = await listAll(`/calendar_entries.json?fields=${fields}&limit=200`);
    type Attendee = { id: number; type?: string; name?: string; enabled?: boolean | null; redacted?: true };
    const attendees = entries.flatMap((e) => e['attendees'] as Attendee[]);
    const contactIds = [...kit.sim.store.table('calendar_entries').ascending()].flatMap((e) => e.attendee_contact_ids);
    const blocked = (id: number) => id % 3 === 0 || id % 5 === 0;
    expect(contactIds.some(blocked) && contactIds.some((id) => !blocked(id))).toBe(true);
    expect(
      attendees
        .filter((a) => a.redacted)
        .map((a) => a.id)
        .sort(),
    ).toEqual(contactIds.filter(blocked).sort());
    expect(
      attendees
        .filter((a) => a.type === 'Contact')
        .map((a) => a.id)
        .sort(),
    ).toEqual(contactIds.filter((id) => !blocked(id)).sort());
    // A contact attendee: its name, no `enabled` (Clio: null for a contact); a user's calendar keeps its flag.
    expect(attendees.find((a) => a.type === 'Contact')).toMatchObject({ name: expect.any(String), enabled: null });
    expect(attendees.find((a) => a.type === 'Calendar')).toMatchObject({ enabled: expect.any(Boolean) });

    const entry = entries.find((e) => (e['attendees'] as Attendee[]).some((a) => a.redacted))!;
    const theirs = dataOf((await asOther(`/calendar_entries/${String(entry['id'])}.json?fields=${fields}`)).body);
    expect((theirs['attendees'] as Attendee[]).every((a) => a.redacted === undefined && a.type !== undefined)).toBe(
      true,
    );
  });

  it("a user's own activity visibility is served to that user only; the firm's shared view is unchanged", async () => {
    await control.setAccess({ users: { [userId]: { activityVisibility: { rate: 'none', hours: 'full' } } } });
    const fields = 'id,type,price,total,quantity';
    const mine = await listAll(`/activities.json?type=TimeEntry&fields=${fields}&limit=200`);
    expect(mine.length).toBeGreaterThan(0);
    for (const a of mine) {
      expect(a).toMatchObject({ redacted: true, quantity: expect.any(Number) });
      expect(a).not.toHaveProperty('price');
    }
    const theirs = listBody(await asOther(`/activities.json?type=TimeEntry&fields=${fields}&limit=200`));
    expect(theirs.data.every((a) => typeof a['price'] === 'number' && a['redacted'] === undefined)).toBe(true);
    const one = await kit.get(`/activities/${mine[0]!['id']}.json?fields=${fields}`);
    expect(dataOf(one.body)).toMatchObject({ redacted: true });
    await control.resetAccess();
    const after = listBody(await kit.get(`/activities.json?type=TimeEntry&fields=${fields}&limit=200`));
    expect(after.data.every((a) => typeof a['price'] === 'number')).toBe(true);
  });

  it('refuses a malformed activity visibility, naming the field', async () => {
    await expect(
      control.setAccess({
        users: { [userId]: { activityVisibility: { rate: 'some' as 'none', hours: 'full' } } },
      }),
    ).rejects.toMatchObject({
      status: 400,
      message: `users.${userId}.activityVisibility.rate must be one of full, limited, none`,
    });
  });
});
