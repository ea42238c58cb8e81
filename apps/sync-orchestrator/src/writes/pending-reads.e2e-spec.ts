import { catchUp } from '@sf/projections';
import { appendWriteEvents, loadWrite, pendingWritesProjection } from '@sf/clio-mirror';
import { decideWrite } from '@sf/clio-writes';
import { uniqueName } from '@sf/testing';
import { bearer, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { fetchPages, matterRecord, projectMirror, type ClioRecord } from '../testing/mirror-fixtures';
import { lastLogPosition } from '../testing/orchestrator-fixtures';

type Json = Record<string, unknown>;
interface Page {
  items: Array<Json & { id: string; pending: Json | null; data: Json }>;
  pendingCreates?: Array<Json & { writeId: string; pending: Json }>;
}

const STAMP = { created_at: '2026-01-02T00:00:00Z', updated_at: '2026-02-02T00:00:00Z' };
const task = (id: number, matter: number): ClioRecord => ({
  id,
  etag: `"t${id}"`,
  ...STAMP,
  name: `Task ${id}`,
  status: 'pending',
  priority: 'Normal',
  matter: { id: matter },
  assignee: { id: 5, type: 'User' },
});
const entry = (id: number, matter: number): ClioRecord => ({
  id,
  etag: `"c${id}"`,
  ...STAMP,
  summary: `Entry ${id}`,
  start_at: '2026-12-10T10:00:00Z',
  end_at: '2026-12-10T11:00:00Z',
  matter: { id: matter },
  calendar_owner: { id: 5 },
});
const note = (id: number, on: Json): ClioRecord => ({ id, etag: `"n${id}"`, ...STAMP, subject: `Note ${id}`, ...on });

describe('pending writes on every record read (e2e: HTTP, real Postgres, projections from the log)', () => {
  let kit: E2eKit;
  const firm = uniqueName('firm');
  const other = uniqueName('firm_other');

  const send = async <T = Json>(method: string, path: string, body?: unknown, as = firm) => {
    const res = await fetch(`${kit.orchestrator.url}${path}`, {
      method,
      headers: {
        authorization: bearer(as),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  const get = async <T = Page>(path: string): Promise<T> => {
    const r = await send<T>('GET', path);
    expect({ path, status: r.status }).toEqual({ path, status: 200 });
    return r.body;
  };
  const accepted = async (method: string, path: string, body: unknown = undefined): Promise<Json> => {
    const r = await send(method, path, body);
    expect({ path, status: r.status }).toEqual({ path, status: 202 });
    return r.body;
  };
  const byId = (p: Page, id: string) => p.items.find((i) => i.id === id);

  /** Clio confirms a write (what the writer records), and both projections catch up. */
  const confirm = async (writeId: string, recordId: string, record: Json): Promise<void> => {
    const loaded = await loadWrite(kit.t.db, writeId);
    const d = decideWrite(loaded.state, {
      kind: 'outcome',
      outcome: { kind: 'applied', recordId, record: { id: Number(recordId), ...record }, how: 'sent' },
    });
    if (d.rejected) throw new Error(d.reason);
    const meta = { firmId: firm, correlationId: writeId, causationId: null, at: new Date() };
    expect(await appendWriteEvents(kit.t.db, writeId, loaded.version, d.events, meta)).not.toBe(false);
    await projectMirror(kit.t.db);
    await catchUp(kit.t.db, pendingWritesProjection, { until: (await lastLogPosition(kit.t.db))! });
  };

  beforeAll(async () => {
    kit = await startE2eKit();
    await fetchPages(kit.t.db, firm, {
      matters: [matterRecord(1), matterRecord(2)],
      tasks: [task(301, 1)],
      calendar_entries: [entry(401, 1)],
      contacts: [{ id: 501, etag: '"p501"', ...STAMP, name: 'Ann Client', type: 'Person' }],
      contact_notes: [note(601, { type: 'Contact', contact: { id: 501 } })],
      matter_notes: [note(701, { type: 'Matter', matter: { id: 1 } })],
    });
    await fetchPages(kit.t.db, other, { matters: [matterRecord(77)] });
    await projectMirror(kit.t.db);
  });
  afterAll(async () => kit?.close());

  it('shows each kind of write on the record read at once, and clears it when Clio confirms', async () => {
    const matterWrite = await accepted('PATCH', '/matters/1', { description: 'Renamed' });
    await accepted('PATCH', '/tasks/301', { name: 'Renamed task' });
    await accepted('POST', '/tasks/301/complete', {});
    await accepted('DELETE', '/calendar-entries/401');
    await accepted('PATCH', '/notes/601', { subject: 'Contact note edited' });
    await accepted('PATCH', '/notes/701', { subject: 'Matter note edited' });

    const matter = await get<Page['items'][number]>('/matters/1');
    expect(matter.pending).toMatchObject({
      status: 'pending',
      values: { description: 'Renamed' },
      deleting: false,
      writes: [{ writeId: matterWrite['writeId'], operation: 'update', status: 'pending' }],
    });
    const matters = await get('/matters');
    expect(byId(matters, '1')?.pending).toMatchObject({ values: { description: 'Renamed' } });
    expect(byId(matters, '2')?.pending).toBeNull();
    expect(matters.pendingCreates).toBeUndefined();

    expect(byId(await get('/tasks?matter_id=1'), '301')?.pending).toMatchObject({
      values: { name: 'Renamed task', status: 'complete' },
      writes: [{ operation: 'update' }, { operation: 'complete' }],
    });
    expect(byId(await get('/calendar-entries'), '401')?.pending).toMatchObject({ deleting: true });
    const contactNotes = await get('/contacts/501/notes');
    expect(contactNotes.items.map((i) => i.id)).toEqual(['601']);
    expect(contactNotes.items[0]?.pending).toMatchObject({ values: { subject: 'Contact note edited' } });
    expect(byId(await get('/matters/1/notes'), '701')?.pending).toMatchObject({
      values: { subject: 'Matter note edited' },
    });
    // Records never written show no flag; other firms see nothing of these writes.
    expect((await send('GET', '/contacts/501/notes', undefined, other)).status).toBe(404);

    await confirm(String(matterWrite['writeId']), '1', {
      ...matterRecord(1),
      etag: '"m1-2"',
      description: 'Renamed',
      updated_at: '2026-12-04T00:00:00Z',
    });
    const confirmed = await get<Page['items'][number]>('/matters/1');
    expect(confirmed.pending).toBeNull();
    expect(confirmed.data).toMatchObject({ description: 'Renamed' });
  });

  it('lists records created here until Clio confirms them, with the writes queued behind their create', async () => {
    const created = await accepted('POST', '/matters/1/tasks', { name: 'New task', assignee_id: '5' });
    const id = String(created['writeId']);
    // Later writes name the unconfirmed record by its create's write id, and go behind it.
    const update = await accepted('PATCH', `/tasks/${id}`, { priority: 'High' });
    expect(update).toMatchObject({ recordId: null, createWriteId: id, baseEtag: null, baseValues: { priority: null } });
    await accepted('POST', `/tasks/${id}/complete`, {});
    const noteCreate = await accepted('POST', '/contacts/501/notes', { subject: 'Met the client' });
    expect((await send('PATCH', `/tasks/${id}`, { priority: 'Low' }, other)).status).toBe(404);
    expect((await send('PATCH', `/notes/${id}`, { subject: 'not a note' })).status).toBe(404);

    const tasks = await get('/tasks?matter_id=1');
    expect(tasks.pendingCreates).toEqual([
      expect.objectContaining({
        writeId: id,
        matterId: '1',
        pending: expect.objectContaining({
          values: { name: 'New task', assignee: { id: 5, type: 'User' }, priority: 'High', status: 'complete' },
          writes: [
            expect.objectContaining({ writeId: id, operation: 'create' }),
            expect.objectContaining({ writeId: update['writeId'], operation: 'update' }),
            expect.objectContaining({ operation: 'complete' }),
          ],
        }),
      }),
    ]);
    expect((await get('/tasks?matter_id=2')).pendingCreates).toEqual([]);
    expect((await get('/contacts/501/notes')).pendingCreates).toEqual([
      expect.objectContaining({ writeId: noteCreate['writeId'], contactId: '501' }),
    ]);

    // Clio confirms the create: the record is listed with its Clio id, still carrying the writes behind it.
    await confirm(id, '302', { ...task(302, 1), name: 'New task', updated_at: '2026-12-04T00:00:00Z' });
    const after = await get('/tasks?matter_id=1');
    expect(after.pendingCreates).toEqual([]);
    expect(byId(after, '302')?.pending).toMatchObject({ values: { priority: 'High', status: 'complete' } });
    // A write by the Clio id still orders behind the create's queue.
    expect(await accepted('PATCH', '/tasks/302', { name: 'Renamed' })).toMatchObject({
      recordId: '302',
      createWriteId: id,
    });
    expect(await accepted('PATCH', `/tasks/${id}`, { name: 'By write id' })).toMatchObject({
      recordId: '302',
      createWriteId: id,
    });
  });
});
