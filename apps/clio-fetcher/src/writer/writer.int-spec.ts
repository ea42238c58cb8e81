import { waitFor } from '@sf/testing';
import { startWriteKit, type WriteKit } from '../testing/write-kit';

/** Clio records of a resource in the simulator, by a predicate. */
const simNotes = (kit: WriteKit, subject: string) =>
  [...kit.sim.store.table('notes').ascending()].filter((n) => n.subject === subject);

describe('the writer (real Postgres, simulator)', () => {
  let kit: WriteKit;
  const firm = 'firm_writer_1';
  let matterId: string;
  beforeAll(async () => {
    kit = await startWriteKit();
    matterId = String([...kit.sim.store.table('matters').ascending()][0]!.id);
    kit.startWriter();
  });
  afterAll(() => kit.close());

  it('creates a matter note in Clio once, and the mirror holds the confirmed record', async () => {
    const id = await kit.request(firm, {
      entityType: 'matter_notes',
      operation: 'create',
      matterId,
      values: { subject: 'Call with client', detail: 'Agreed next steps' },
    });
    const w = await kit.settled(id);
    expect(w).toMatchObject({ status: 'applied', operation: 'create' });
    expect(simNotes(kit, 'Call with client')).toHaveLength(1);
    const row = await waitFor(
      () =>
        kit.t.db
          .selectFrom('clio_matter_notes')
          .selectAll()
          .where('firm_id', '=', firm)
          .where('id', '=', w.recordId!)
          .executeTakeFirst(),
      (r) => r !== undefined,
    );
    expect(row).toMatchObject({ last_source: 'write_back', matter_id: matterId });
    expect(row!.data).toMatchObject({ subject: 'Call with client' });
  });

  it('a create whose answer was dropped is looked up, not sent again', async () => {
    kit.sim.edge.faults.add(
      { kind: 'drop_response', path: '/api/v4/notes*', method: 'POST', count: 1 },
      kit.sim.clock.now(),
    );
    const id = await kit.request(firm, {
      entityType: 'matter_notes',
      operation: 'create',
      matterId,
      values: { subject: 'Answer lost', detail: 'x' },
    });
    const w = await kit.settled(id);
    expect(w).toMatchObject({ status: 'applied', attempts: 1 });
    expect(simNotes(kit, 'Answer lost')).toHaveLength(1);
  });

  it('updates in request order, and a 412 merges fields Clio did not change', async () => {
    const matter = [...kit.sim.store.table('matters').ascending()][1]!;
    const seen = { description: matter.description, location: matter.location };
    const etag = kit.sim.store.get('matters', matter.id)!.etag;
    // Someone edits the location in Clio after the person read the matter.
    kit.sim.store.update('matters', matter.id, { ...matter, location: 'Changed in Clio' });
    const first = await kit.request(firm, {
      entityType: 'matters',
      operation: 'update',
      recordId: String(matter.id),
      matterId: String(matter.id),
      values: { description: 'First' },
      baseEtag: etag,
      baseValues: { description: seen.description },
    });
    const second = await kit.request(firm, {
      entityType: 'matters',
      operation: 'update',
      recordId: String(matter.id),
      matterId: String(matter.id),
      values: { description: 'Second' },
      baseEtag: etag,
      baseValues: { description: seen.description },
    });
    expect(await kit.settled(first)).toMatchObject({ status: 'applied' });
    // The second saw the original description, but Clio now holds "First": a conflict with both versions.
    expect(await kit.settled(second)).toMatchObject({
      status: 'conflicted',
      conflict: { fields: ['description'], mine: { description: 'Second' }, theirs: { description: 'First' } },
    });
    const now = kit.sim.store.get('matters', matter.id)!;
    expect(now).toMatchObject({ description: 'First', location: 'Changed in Clio' });
  });

  it('fails the writes of a revoked connection with the reason', async () => {
    const revokedFirm = 'firm_writer_revoked';
    kit.revoked.add(revokedFirm);
    const id = await kit.request(revokedFirm, {
      entityType: 'matter_notes',
      operation: 'create',
      matterId,
      values: { subject: 'Never sent' },
    });
    expect(await kit.settled(id)).toMatchObject({ status: 'failed', reason: 'the Clio connection was revoked' });
    expect(simNotes(kit, 'Never sent')).toHaveLength(0);
  });

  it('fails a write Clio refuses (422) with its reason', async () => {
    const id = await kit.request(firm, {
      entityType: 'tasks',
      operation: 'create',
      matterId,
      values: { name: 'No assignee' },
    });
    expect(await kit.settled(id)).toMatchObject({ status: 'failed' });
  });
});
