import { recordKeyOf } from '@sf/clio-mirror';
import { startWriteKit, type WriteKit } from '../testing/write-kit';
import { CREATE_FAILED_REASON } from './created-target';

const notes = (kit: WriteKit, subject: string) =>
  [...kit.sim.store.table('notes').ascending()].filter((n) => n.subject === subject);

describe('writes to a record created here and not confirmed yet (real Postgres, simulator)', () => {
  let kit: WriteKit;
  const firm = 'firm_created_target';
  let matterId: string;
  beforeAll(async () => {
    kit = await startWriteKit();
    matterId = String([...kit.sim.store.table('matters').ascending()][0]!.id);
  });
  afterAll(() => kit.close());

  it('wait behind the create while Clio is away, then go out in order against the Clio id it got', async () => {
    // Clio drops every connection for a while: the create cannot be confirmed, the writes behind it must wait.
    kit.sim.edge.faults.add({ kind: 'timeout', delayMs: 0, durationMs: 3_000 }, kit.sim.clock.now());
    const create = await kit.request(firm, {
      entityType: 'matter_notes',
      operation: 'create',
      matterId,
      values: { subject: 'Queued note', detail: 'v1' },
    });
    const behind = { entityType: 'matter_notes', matterId, createWriteId: create } as const;
    const update = await kit.request(firm, { ...behind, operation: 'update', values: { detail: 'v2' } });
    const rename = await kit.request(firm, {
      ...behind,
      operation: 'update',
      values: { subject: 'Renamed note', detail: 'v3' },
    });
    const writer = kit.startWriter();

    const created = await kit.settled(create, 60_000);
    expect(created).toMatchObject({ status: 'applied' });
    const [u, r] = [await kit.settled(update, 60_000), await kit.settled(rename, 60_000)];
    expect(u).toMatchObject({ status: 'applied', recordId: created.recordId });
    expect(r).toMatchObject({ status: 'applied', recordId: created.recordId });
    // One note in Clio, the later writes applied in request order (v3 last) each `If-Match` the etag the one before
    // got (a stale etag would be a 412 and, with no base values, a conflict), never a second create.
    expect(notes(kit, 'Queued note')).toHaveLength(0);
    expect(notes(kit, 'Renamed note')).toEqual([
      expect.objectContaining({ id: Number(created.recordId), detail: 'v3' }),
    ]);
    expect(recordKeyOf(u)).toBe(`new:${create}`);
    await writer.stop();
  });

  it('fail with a clear reason when the create they wait for fails', async () => {
    const create = await kit.request(firm, {
      entityType: 'tasks',
      operation: 'create',
      matterId,
      values: { name: 'No assignee: Clio refuses it' },
    });
    const update = await kit.request(firm, {
      entityType: 'tasks',
      operation: 'update',
      matterId,
      createWriteId: create,
      values: { priority: 'High' },
    });
    const writer = kit.startWriter();
    expect(await kit.settled(create, 60_000)).toMatchObject({ status: 'failed' });
    expect(await kit.settled(update, 60_000)).toMatchObject({ status: 'failed', reason: CREATE_FAILED_REASON });
    await writer.stop();
  });
});
