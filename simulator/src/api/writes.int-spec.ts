import { ManualClock } from '../clock';
import type { StoreChange } from '../store/store';
import type { SimTestKit } from '../testing/sim-test-kit';
import { listBody, showBody, startSimTestKit } from '../testing/sim-test-kit';

const DAY = 86_400_000;

describe('writes', () => {
  let kit: SimTestKit;
  const clock = new ManualClock(Date.UTC(2025, 0, 10));
  const changes: StoreChange[] = [];
  beforeAll(async () => {
    // A year-long token: the test moves the clock past the default 30-day token lifetime.
    kit = await startSimTestKit({ clock, trashRetentionMs: 30 * DAY, oauth: { accessTokenTtlSeconds: 365 * 86_400 } });
    kit.sim.store.onChange((c) => changes.push(c));
  });
  afterAll(() => kit.close());

  it('creates a matter with a client and custom field values, and gives it a folder', async () => {
    const cf = [...kit.sim.store.table('custom_fields').ascending()].find(
      (f) => f.parent_type === 'Matter' && f.field_type === 'text_line',
    )!;
    const res = await kit.send(
      'POST',
      '/matters.json?fields=id,description,client{id},folder{id,name},custom_field_values{id,value}',
      {
        data: {
          description: 'New matter',
          client: { id: 3 },
          custom_field_values: [{ custom_field: { id: cf.id }, value: 'CV-1' }],
        },
      },
    );
    expect(res.status).toBe(201);
    const m = showBody(res);
    expect(m).toMatchObject({ description: 'New matter', client: { id: 3 }, folder: { name: 'New matter' } });
    expect(m.custom_field_values).toEqual([{ id: expect.stringMatching(/^text_line-\d+$/), value: 'CV-1' }]);
    expect(changes.some((c) => c.resource === 'matters' && c.kind === 'created' && c.id === m.id)).toBe(true);
  });

  it('validates: missing client → 422, bad body → 400', async () => {
    expect((await kit.send('POST', '/matters.json', { data: { description: 'x' } })).status).toBe(422);
    expect((await kit.send('POST', '/matters.json', '{not json')).status).toBe(400);
    const person = await kit.send('POST', '/contacts.json', { data: { type: 'Person' } });
    expect(person.status).toBe(422);
    expect(person.body).toMatchObject({
      error: { message: 'At least one of first name or last name must be provided' },
    });
  });

  it('creates and updates a contact with nested emails (add, update, _destroy)', async () => {
    const created = await kit.send('POST', '/contacts.json?fields=id,name,email_addresses{id,address}', {
      data: {
        type: 'Person',
        name: 'Ada Lovelace',
        email_addresses: [{ address: 'ada@x.test', name: 'Work', primary: true }],
      },
    });
    expect(created.status).toBe(201);
    const c = showBody(created);
    expect(c.name).toBe('Ada Lovelace');
    const emailId = (c.email_addresses as { id: number }[])[0].id;
    const updated = await kit.send('PATCH', `/contacts/${c.id}.json?fields=id,first_name,email_addresses{address}`, {
      data: { first_name: 'Augusta', email_addresses: [{ id: emailId, _destroy: true }, { address: 'ada@y.test' }] },
    });
    expect(updated.status).toBe(200);
    expect(showBody(updated)).toEqual({
      id: c.id,
      first_name: 'Augusta',
      email_addresses: [{ address: 'ada@y.test' }],
    });
  });

  it('creates, updates and deletes tasks, calendar entries and activities', async () => {
    const task = await kit.send('POST', '/tasks.json?fields=id,name,status', {
      data: { name: 'Call', assignee: { id: 1, type: 'User' } },
    });
    expect(task.status).toBe(201);
    const id = showBody(task).id as number;
    expect(
      showBody(await kit.send('PATCH', `/tasks/${id}.json?fields=status`, { data: { status: 'complete' } })),
    ).toEqual({ status: 'complete' });
    expect((await kit.send('DELETE', `/tasks/${id}.json`)).status).toBe(204);
    expect((await kit.get(`/tasks/${id}.json`)).status).toBe(404);
    expect(changes.filter((c) => c.resource === 'tasks' && c.id === id).map((c) => c.kind)).toEqual([
      'created',
      'updated',
      'deleted',
    ]);

    const cal = kit.sim.store.get('users', 1)!.default_calendar_id;
    const entry = await kit.send('POST', '/calendar_entries.json?fields=id,summary', {
      data: {
        summary: 'Hearing',
        start_at: '2025-02-01T10:00:00Z',
        end_at: '2025-02-01T11:00:00Z',
        calendar_owner: { id: cal },
      },
    });
    expect(entry.status).toBe(201);
    expect(typeof showBody(entry).id).toBe('string');
    const act = await kit.send('POST', '/activities.json?fields=id,quantity,type', {
      data: { type: 'TimeEntry', quantity: 1800, price: 300, matter: { id: 1 }, user: { id: 1 } },
    });
    expect(act.status).toBe(201);
    expect(showBody(act)).toMatchObject({ quantity: 1800, type: 'TimeEntry' });
  });

  it('trashes a document (visible with include_deleted) and purges it after the retention period', async () => {
    const doc = [...kit.sim.store.table('documents').ascending()][5];
    expect((await kit.send('DELETE', `/documents/${doc.id}.json`)).status).toBe(204);
    const shown = showBody(await kit.get(`/documents/${doc.id}.json?fields=id,deleted_at`));
    expect(shown.deleted_at).toBe('2025-01-10T00:00:00+00:00');
    const listed = listBody(await kit.get(`/documents.json?ids[]=${doc.id}&include_deleted=true`));
    expect(listed.data.map((d) => d.id)).toEqual([doc.id]);
    expect(listBody(await kit.get(`/documents.json?ids[]=${doc.id}`)).data).toEqual([]);

    clock.advance(30 * DAY - 1000);
    expect((await kit.get(`/documents/${doc.id}.json`)).status).toBe(200);
    clock.advance(2000);
    expect((await kit.get(`/documents/${doc.id}.json`)).status).toBe(404);
    expect(kit.sim.store.groundTruth().records.documents.some((d) => d.id === doc.id)).toBe(false);
  });

  it('deleting a folder trashes its documents', async () => {
    const f = [...kit.sim.store.table('folders').ascending()].find(
      (x) =>
        !x.root &&
        x.deleted_at === null &&
        [...kit.sim.store.table('documents').ascending()].some((d) => d.parent_id === x.id && d.deleted_at === null),
    )!;
    expect((await kit.send('DELETE', `/folders/${f.id}.json`)).status).toBe(204);
    const docs = [...kit.sim.store.table('documents').ascending()].filter((d) => d.parent_id === f.id);
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.deleted_at !== null)).toBe(true);
  });

  it('uploads a document: POST, PUT the bytes, PATCH fully_uploaded, then a new version', async () => {
    const created = await kit.send(
      'POST',
      '/documents.json?fields=id,latest_document_version{uuid,put_url,fully_uploaded}',
      {
        data: { name: 'brief.pdf', parent: { id: 1, type: 'Matter' }, content_type: 'application/pdf' },
      },
    );
    expect(created.status).toBe(201);
    const d = showBody(created);
    const v = d.latest_document_version as { uuid: string; put_url: string; fully_uploaded: boolean };
    expect(v.fully_uploaded).toBe(false);
    expect(listBody(await kit.get(`/documents.json?ids[]=${d.id}`)).data).toEqual([]);
    expect(
      (await kit.send('PATCH', `/documents/${d.id}.json`, { data: { uuid: v.uuid, fully_uploaded: true } })).status,
    ).toBe(422);

    const put = await fetch(v.put_url, {
      method: 'PUT',
      body: Buffer.alloc(12345, 1),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(put.status).toBe(200);
    const done = await kit.send(
      'PATCH',
      `/documents/${d.id}.json?fields=id,size,latest_document_version{fully_uploaded,size}`,
      {
        data: { uuid: v.uuid, fully_uploaded: true },
      },
    );
    expect(showBody(done)).toEqual({
      id: d.id,
      size: 12345,
      latest_document_version: { fully_uploaded: true, size: 12345 },
    });
    expect(listBody(await kit.get(`/documents.json?ids[]=${d.id}`)).data.length).toBe(1);

    const again = await kit.send('POST', '/documents.json', {
      data: { name: 'brief.pdf', parent: { id: d.id, type: 'Document' } },
    });
    expect(again.status).toBe(201);
    const versions = listBody(await kit.get(`/documents/${d.id}/versions.json?fields=version_number,fully_uploaded`));
    expect(versions.data).toEqual([
      { version_number: 1, fully_uploaded: true },
      { version_number: 2, fully_uploaded: false },
    ]);
    expect(
      listBody(await kit.get(`/documents/${d.id}/versions.json?fully_uploaded=true&fields=version_number`)).data,
    ).toEqual([{ version_number: 1 }]);
  });
});
