import { randomUUID } from 'node:crypto';
import { createTestDatabase, waitFor, type TestDatabase } from '@sf/testing';
import { applyControl, claimWork, enqueueWork, readWork, releaseWork, renewLease, settleWork, type NewWork } from './work-queue';

const work = (over: Partial<NewWork> = {}): NewWork => ({
  jobId: randomUUID(), firmId: 'firm-1', scope: { kind: 'firm' }, entityTypes: null, trigger: 'manual', status: 'ready',
  requestedAt: new Date().toISOString(), correlationId: 'c', requestEventId: randomUUID(), ...over,
});
const at = (tx: number, gp: number) => ({ txId: BigInt(tx), position: BigInt(gp) });

describe('sync_job_work queue (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await createTestDatabase(); });
  afterAll(() => t.drop());
  beforeEach(() => t.db.deleteFrom('sync_job_work').execute());

  it('claims the oldest ready job first', async () => {
    const a = work({ requestedAt: '2026-01-01T00:00:00Z' });
    const b = work({ requestedAt: '2026-01-01T00:00:01Z' });
    await enqueueWork(t.db, b);
    await enqueueWork(t.db, a);
    expect((await claimWork(t.db, 'w1', 60_000))!.jobId).toBe(a.jobId);
  });

  it('lets concurrent workers claim different jobs (SKIP LOCKED), one statement each', async () => {
    const a = work();
    const b = work();
    await enqueueWork(t.db, b);
    await enqueueWork(t.db, a);
    const claims = await Promise.all([claimWork(t.db, 'w1', 60_000), claimWork(t.db, 'w2', 60_000), claimWork(t.db, 'w3', 60_000)]);
    const won = claims.filter((c) => c !== null);
    expect(won.map((c) => c!.jobId).sort()).toEqual([a.jobId, b.jobId].sort());
    expect(new Set(won.map((c) => c!.owner)).size).toBe(2);
    expect(await claimWork(t.db, 'w4', 60_000)).toBeNull();
  });

  it("gives a dead worker's job to another once the lease expires, and fences the old holder", async () => {
    const w = work();
    await enqueueWork(t.db, w);
    expect((await claimWork(t.db, 'dead', 300))!.jobId).toBe(w.jobId);
    expect(await claimWork(t.db, 'alive', 60_000)).toBeNull();
    const taken = await waitFor(() => claimWork(t.db, 'alive', 60_000), (c) => c !== null, { timeoutMs: 5_000 });
    expect(taken!.owner).toBe('alive');
    expect(await renewLease(t.db, w.jobId, 'dead', 60_000)).toBe(false);
    expect(await renewLease(t.db, w.jobId, 'alive', 60_000)).toBe(true);
  });

  it('holds a released job back until its time, and counts failed attempts', async () => {
    const w = work();
    await enqueueWork(t.db, w);
    await claimWork(t.db, 'w1', 60_000);
    expect(await releaseWork(t.db, w.jobId, 'w1', { until: new Date(Date.now() + 60_000), attempts: 2 })).toBe(true);
    expect(await claimWork(t.db, 'w2', 60_000)).toBeNull();
    expect(await releaseWork(t.db, w.jobId, 'w1', { until: null })).toBe(false);
    await t.db.updateTable('sync_job_work').set({ lease_until: new Date(Date.now() - 1) }).execute();
    expect(await claimWork(t.db, 'w2', 60_000)).toMatchObject({ jobId: w.jobId, attempts: 2 });
    expect(await renewLease(t.db, w.jobId, 'w2', 60_000, true)).toBe(true);
    expect((await readWork(t.db, w.jobId))!.attempts).toBe(0);
  });

  it('applies pause and resume in log order, ignores late older ones, and treats cancel as final', async () => {
    const w = work();
    await enqueueWork(t.db, w);
    await claimWork(t.db, 'w1', 60_000);
    await applyControl(t.db, w.jobId, 'pause', at(10, 100));
    expect(await readWork(t.db, w.jobId)).toMatchObject({ status: 'paused', owner: null });
    await applyControl(t.db, w.jobId, 'resume', at(12, 120));
    await applyControl(t.db, w.jobId, 'pause', at(11, 110)); // delivered late: older than the resume
    expect((await readWork(t.db, w.jobId))!.status).toBe('ready');
    const claimed = await claimWork(t.db, 'w2', 60_000);
    await applyControl(t.db, w.jobId, 'resume', at(13, 130)); // a worker's own resume leaves its lease alone
    expect(await readWork(t.db, w.jobId)).toMatchObject({ status: 'ready', owner: claimed!.owner });
    await applyControl(t.db, w.jobId, 'cancel', at(9, 90));
    expect(await readWork(t.db, w.jobId)).toMatchObject({ status: 'cancelled', owner: null });
    await applyControl(t.db, w.jobId, 'resume', at(20, 200));
    expect((await readWork(t.db, w.jobId))!.status).toBe('cancelled');
  });

  it('restarts a ready job requested again (its holder loses the lease) and leaves finished jobs alone', async () => {
    const w = work();
    await enqueueWork(t.db, w);
    await claimWork(t.db, 'w1', 60_000);
    await enqueueWork(t.db, { ...w, requestEventId: randomUUID() });
    expect(await readWork(t.db, w.jobId)).toMatchObject({ status: 'ready', owner: null });
    expect(await renewLease(t.db, w.jobId, 'w1', 60_000)).toBe(false);
    await claimWork(t.db, 'w2', 60_000);
    expect(await settleWork(t.db, w.jobId, 'w2', 'done')).toBe(true);
    await enqueueWork(t.db, { ...w, requestEventId: randomUUID() });
    expect(await readWork(t.db, w.jobId)).toMatchObject({ status: 'done' });
  });
});
