import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { renewLease, settleLease } from './lease';
import type { Claim } from './work-item';
import { workQueue, type WorkQueue } from './work-queue';
import { WorkEnd, startWorkerPool, type RunSignals, type WorkerPool, type WorkerPoolOptions } from './worker-pool';
import type { WorkQueueTables } from './schema/work-queue.tables';

const untilAborted = (s: AbortSignal): Promise<void> =>
  new Promise((resolve) => (s.aborted ? resolve() : s.addEventListener('abort', () => resolve(), { once: true })));

describe('worker pool (real Postgres)', () => {
  let t: TestDatabase<WorkQueueTables>;
  let q: WorkQueue<Record<string, never>>;
  let pool: WorkerPool | undefined;
  const enqueue = async (): Promise<string> => {
    const jobId = randomUUID();
    await q.enqueue(t.db, {
      jobId,
      firmId: 'f',
      correlationId: 'c',
      requestedAt: new Date().toISOString(),
      payload: {},
    });
    return jobId;
  };
  const start = (
    run: WorkerPoolOptions<Record<string, never>>['run'],
    over: Partial<WorkerPoolOptions<Record<string, never>>> = {},
  ): WorkerPool =>
    (pool = startWorkerPool({
      db: t.db,
      queue: q,
      settings: { workerId: 'w', leaseMs: 1_000, renewEveryMs: 300, pollMs: 20 },
      slots: 2,
      log: pino({ level: 'silent' }),
      run,
      ...over,
    }));

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  beforeEach(() => {
    q = workQueue(uniqueName('pool'), () => ({}));
  });
  afterEach(async () => {
    await pool?.stop();
  });

  it('claims each job once and settles it; the run keeps its lease alive past the lease time by heartbeat', async () => {
    const ids = [await enqueue(), await enqueue(), await enqueue()];
    const ran: string[] = [];
    start(async (c) => {
      ran.push(c.item.jobId);
      const claimedAt = Date.now();
      // Past the 1 s lease of the claim: only the heartbeat keeps the job ours.
      await waitFor(
        () =>
          t.db
            .selectFrom('work_queue')
            .select('lease_until')
            .where('job_id', '=', c.item.jobId)
            .executeTakeFirstOrThrow(),
        (r) => r.lease_until!.getTime() > claimedAt + 1_400,
        { timeoutMs: 5_000, description: 'lease renewed by the heartbeat' },
      );
      expect(await renewLease(t.db, c.lease, 1_000)).toBe(true);
      expect(await settleLease(t.db, c.lease, 'done')).toBe(true);
      return WorkEnd.ended;
    });
    for (const id of ids)
      await waitFor(
        () => q.read(t.db, id),
        (w) => w?.status === 'done',
        { description: `job ${id} done` },
      );
    expect(ran.sort()).toEqual([...ids].sort());
  });

  it('on stop signals the run and gives back the lease of an unfinished job at once', async () => {
    const id = await enqueue();
    let seen: Claim<Record<string, never>> | undefined;
    const p = start(async (c, s: RunSignals) => {
      seen = c;
      await untilAborted(s.stopping);
      return WorkEnd.interrupted;
    });
    await waitFor(
      async () => p.active(),
      (n) => n === 1,
      { description: 'job running' },
    );
    await p.stop();
    expect(await q.read(t.db, id)).toMatchObject({ status: 'ready', owner: null });
    expect(await renewLease(t.db, seen!.lease, 1_000)).toBe(false);
    expect(await q.claim(t.db, 'other', 1_000)).not.toBeNull();
  });

  it('tells the run when its lease is lost (the job cancelled under it)', async () => {
    const id = await enqueue();
    let lost = false;
    const p = start(async (_c, s) => {
      await untilAborted(s.lost);
      lost = true;
      return WorkEnd.ended;
    });
    await waitFor(
      async () => p.active(),
      (n) => n === 1,
      { description: 'job running' },
    );
    await q.control(t.db, id, 'cancel', { txId: 1n, position: 1n });
    await waitFor(
      () => lost,
      (v) => v,
      { description: 'lease loss noticed' },
    );
    expect(await q.read(t.db, id)).toMatchObject({ status: 'cancelled', owner: null });
  });

  it('gives back the lease of a crashed run, so the job is run again', async () => {
    const id = await enqueue();
    let runs = 0;
    start(
      async (c) => {
        runs += 1;
        if (runs === 1) throw new Error('boom');
        await settleLease(t.db, c.lease, 'done');
        return WorkEnd.ended;
      },
      { slots: 1 },
    );
    await waitFor(
      () => q.read(t.db, id),
      (w) => w?.status === 'done',
      { description: 'job done on the second run' },
    );
    expect(runs).toBe(2);
  });
});
