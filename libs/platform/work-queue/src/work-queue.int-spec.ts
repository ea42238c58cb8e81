import { randomUUID } from 'node:crypto';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { releaseLease, renewLease, settleLease } from './lease';
import type { NewWork } from './work-item';
import { workQueue, type WorkQueue } from './work-queue';
import type { WorkQueueTables } from './schema/work-queue.tables';

interface Payload {
  note: string;
}
const decode = (raw: unknown): Payload => {
  const note = (raw as { note?: unknown } | null)?.note;
  if (typeof note !== 'string') throw new Error('bad payload');
  return { note };
};
const at = (tx: number, gp: number) => ({ txId: BigInt(tx), position: BigInt(gp) });

describe('work queue (real Postgres)', () => {
  let t: TestDatabase<WorkQueueTables>;
  let q: WorkQueue<Payload>;
  const job = (over: Partial<NewWork<Payload>> = {}): NewWork<Payload> => ({
    jobId: randomUUID(),
    firmId: 'firm-1',
    correlationId: 'c',
    requestedAt: new Date().toISOString(),
    payload: { note: 'n' },
    ...over,
  });
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  beforeEach(() => {
    q = workQueue(uniqueName('q'), decode);
  });

  it('claims the oldest ready job first, with its payload, and only from its own queue', async () => {
    const other = workQueue(uniqueName('other'), decode);
    const a = job({ requestedAt: '2026-01-01T00:00:00Z', payload: { note: 'a' } });
    await other.enqueue(t.db, job({ requestedAt: '2025-01-01T00:00:00Z' }));
    await q.enqueue(t.db, job({ requestedAt: '2026-01-01T00:00:01Z' }));
    await q.enqueue(t.db, a);
    const c = await q.claim(t.db, 'w1', 60_000);
    expect(c!.item).toMatchObject({
      jobId: a.jobId,
      firmId: 'firm-1',
      status: 'ready',
      owner: 'w1',
      payload: { note: 'a' },
    });
    expect(c!.lease).toEqual({ queue: q.name, jobId: a.jobId, owner: 'w1', generation: 1 });
  });

  it('gives concurrent claimers distinct jobs (SKIP LOCKED), one statement each, and nothing to the one too many', async () => {
    const jobs = Array.from({ length: 6 }, () => job());
    for (const j of jobs) await q.enqueue(t.db, j);
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => q.claim(t.db, `w${i}`, 60_000)));
    const won = claims.filter((c) => c !== null);
    expect(won.map((c) => c!.item.jobId).sort()).toEqual(jobs.map((j) => j.jobId).sort());
    expect(new Set(won.map((c) => c!.lease.owner)).size).toBe(6);
  });

  it('renews only while the lease is held, and records progress', async () => {
    const j = job();
    await q.enqueue(t.db, j);
    const { lease } = (await q.claim(t.db, 'w1', 60_000))!;
    await releaseLease(t.db, lease, { until: new Date(Date.now() + 60_000), attempts: 2 });
    expect(await renewLease(t.db, lease, 60_000)).toBe(false);
    await t.db
      .updateTable('work_queue')
      .set({ lease_until: new Date(Date.now() - 1) })
      .where('queue', '=', q.name)
      .execute();
    const again = (await q.claim(t.db, 'w1', 60_000))!;
    expect(again.item.attempts).toBe(2);
    expect(await renewLease(t.db, again.lease, 60_000, { resetAttempts: true })).toBe(true);
    expect((await q.read(t.db, j.jobId))!.attempts).toBe(0);
  });

  it('hands an expired lease to the next claimer and fences the old holder out of renew, release and settle', async () => {
    const j = job();
    await q.enqueue(t.db, j);
    const dead = (await q.claim(t.db, 'w1', 300))!;
    expect(await q.claim(t.db, 'w2', 60_000)).toBeNull();
    // The same worker id claims again: only the generation tells the two leases apart.
    const taken = await waitFor(
      () => q.claim(t.db, 'w1', 60_000),
      (c) => c !== null,
      { timeoutMs: 5_000, description: 'lease expired' },
    );
    expect(taken!.lease.generation).toBe(dead.lease.generation + 1);
    expect(await renewLease(t.db, dead.lease, 60_000)).toBe(false);
    expect(await releaseLease(t.db, dead.lease, { until: null })).toBe(false);
    expect(await settleLease(t.db, dead.lease, 'done')).toBe(false);
    expect(await q.read(t.db, j.jobId)).toMatchObject({ status: 'ready', owner: 'w1' });
    expect(await settleLease(t.db, taken!.lease, 'done', 'finished')).toBe(true);
    expect(await q.read(t.db, j.jobId)).toMatchObject({ status: 'done', owner: null });
    expect(await q.claim(t.db, 'w3', 60_000)).toBeNull();
  });

  it('holds a released job back until its time', async () => {
    await q.enqueue(t.db, job());
    const { lease } = (await q.claim(t.db, 'w1', 60_000))!;
    expect(await releaseLease(t.db, lease, { until: new Date(Date.now() + 60_000) })).toBe(true);
    expect(await q.claim(t.db, 'w2', 60_000)).toBeNull();
    await t.db
      .updateTable('work_queue')
      .set({ lease_until: new Date(Date.now() - 1) })
      .where('queue', '=', q.name)
      .execute();
    expect(await q.claim(t.db, 'w2', 60_000)).not.toBeNull();
  });

  it('applies pause and resume in log order, ignores late older ones, and treats cancel as final', async () => {
    const j = job();
    await q.enqueue(t.db, j);
    const first = (await q.claim(t.db, 'w1', 60_000))!;
    await q.control(t.db, j.jobId, 'pause', at(10, 100));
    expect(await q.read(t.db, j.jobId)).toMatchObject({ status: 'paused', owner: null });
    expect(await renewLease(t.db, first.lease, 60_000)).toBe(false);
    await q.control(t.db, j.jobId, 'resume', at(12, 120));
    await q.control(t.db, j.jobId, 'pause', at(11, 110)); // delivered late: older than the resume
    expect((await q.read(t.db, j.jobId))!.status).toBe('ready');
    const second = (await q.claim(t.db, 'w2', 60_000))!;
    await q.control(t.db, j.jobId, 'resume', at(13, 130)); // a worker's own resume leaves its lease alone
    expect(await renewLease(t.db, second.lease, 60_000)).toBe(true);
    await q.control(t.db, j.jobId, 'cancel', at(9, 90));
    expect(await q.read(t.db, j.jobId)).toMatchObject({ status: 'cancelled', owner: null });
    await q.control(t.db, j.jobId, 'resume', at(20, 200));
    expect((await q.read(t.db, j.jobId))!.status).toBe('cancelled');
  });

  it('on a repeated enqueue keeps the row, or reclaims a ready job from its holder and leaves finished jobs alone', async () => {
    const j = job();
    await q.enqueue(t.db, j);
    const first = (await q.claim(t.db, 'w1', 60_000))!;
    await q.enqueue(t.db, { ...j, payload: { note: 'again' } });
    expect(await q.read(t.db, j.jobId)).toMatchObject({ owner: 'w1', payload: { note: 'n' } });
    await q.enqueue(t.db, j, 'reclaim');
    expect(await q.read(t.db, j.jobId)).toMatchObject({ status: 'ready', owner: null });
    expect(await renewLease(t.db, first.lease, 60_000)).toBe(false);
    const second = (await q.claim(t.db, 'w2', 60_000))!;
    expect(await settleLease(t.db, second.lease, 'done')).toBe(true);
    await q.enqueue(t.db, j, 'reclaim');
    expect(await q.read(t.db, j.jobId)).toMatchObject({ status: 'done' });
  });

  it('records a job already known to be over without ever offering it', async () => {
    const j = job({ status: 'cancelled' });
    await q.enqueue(t.db, j);
    expect(await q.claim(t.db, 'w1', 60_000)).toBeNull();
    expect((await q.read(t.db, j.jobId))!.status).toBe('cancelled');
  });
});
