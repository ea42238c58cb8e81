import { ManualClock } from '../clock';
import type { SimTestKit } from '../testing/sim-test-kit';
import { listBody, showBody, startSimTestKit } from '../testing/sim-test-kit';

describe('note writes, and a write whose answer is dropped', () => {
  let kit: SimTestKit;
  const clock = new ManualClock(Date.UTC(2025, 0, 10));
  beforeAll(async () => {
    kit = await startSimTestKit({ clock });
  });
  afterAll(() => kit.close());

  const firstMatter = (): number => [...kit.sim.store.table('matters').ascending()][0]!.id;

  it('creates, updates (If-Match, 412) and deletes a matter note', async () => {
    const matter = firstMatter();
    const created = await kit.send('POST', '/notes.json?fields=id,etag,type,subject,detail,matter{id}', {
      data: { type: 'Matter', matter: { id: matter }, subject: 'Call', detail: 'Agreed next steps' },
    });
    expect(created.status).toBe(201);
    const note = showBody(created);
    expect(note).toMatchObject({ type: 'Matter', subject: 'Call', matter: { id: matter } });

    const stale = await kit.send(
      'PATCH',
      `/notes/${note.id}.json`,
      { data: { subject: 'x' } },
      { 'if-match': '"old"' },
    );
    expect(stale.status).toBe(412);
    const updated = await kit.send(
      'PATCH',
      `/notes/${note.id}.json?fields=id,subject`,
      { data: { subject: 'Call (edited)' } },
      { 'if-match': String(note.etag) },
    );
    expect(updated.status).toBe(200);
    expect(showBody(updated)).toMatchObject({ subject: 'Call (edited)' });

    expect((await kit.send('DELETE', `/notes/${note.id}.json`)).status).toBe(204);
    expect((await kit.send('GET', `/notes/${note.id}.json`)).status).toBe(404);
  });

  it('refuses a Matter note without a matter (422)', async () => {
    expect((await kit.send('POST', '/notes.json', { data: { type: 'Matter', subject: 'x' } })).status).toBe(422);
  });

  it('drop_response: applies the create, then drops the connection; the note is listed afterwards', async () => {
    const matter = firstMatter();
    kit.sim.edge.faults.add({ kind: 'drop_response', path: '/api/v4/notes*', method: 'POST', count: 1 }, clock.now());
    await expect(
      kit.send('POST', '/notes.json', { data: { type: 'Matter', matter: { id: matter }, subject: 'Lost answer' } }),
    ).rejects.toThrow();
    const listed = await kit.send('GET', `/notes.json?type=Matter&matter_id=${matter}&fields=id,subject`);
    expect(listBody(listed).data.filter((n) => n.subject === 'Lost answer')).toHaveLength(1);
  });
});
